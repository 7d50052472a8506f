package io.prescal.proxy.balance;

/** A fast 64-bit hash with good spread (FNV-1a, then SplitMix64's finaliser). */
final class Hashing {

  static long hash(byte[] bytes) {
    long h = 0xcbf29ce484222325L;
    for (byte b : bytes) {
      h ^= b & 0xff;
      h *= 0x100000001b3L;
    }
    h ^= h >>> 30;
    h *= 0xbf58476d1ce4e5b9L;
    h ^= h >>> 27;
    h *= 0x94d049bb133111ebL;
    h ^= h >>> 31;
    return h;
  }

  private Hashing() {}
}
