package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The request target's forms and path normalisation (RFC 3986 5.2.4, 6.2.2), without sockets. */
class RequestTargetTest {

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      nullValues = "REFUSED",
      value = {
        "/                | /",
        "/a/b/c/./../../g | /a/g",
        "/mid/content=5/../6 | /mid/6",
        "/a/.             | /a/",
        "/a/..            | /",
        "/a/b/..          | /a/",
        "/./              | /",
        "/a//../b         | /a/b",
        "//a              | //a",
        "/.well-known/x   | /.well-known/x",
        "/a/..b/.c/       | /a/..b/.c/",
        "/%2e%2E/         | REFUSED",
        "/a/%2e/b         | /a/b",
        "/a/.%2e/b        | /b",
        "/%41%7e%5F       | /A~_",
        "/a%2Fb/..        | /",
        "/a/b%2F..        | /a/b%2F..",
        "/a%2f..%2fb      | /a%2f..%2fb",
        "/%25             | /%25",
        "/..              | REFUSED",
        "/a/../..         | REFUSED",
        "/a%              | REFUSED",
        "/a%4             | REFUSED",
        "/a%G0            | REFUSED",
      })
  void normalisesPaths(String path, String expected) {
    assertThat(RequestTarget.normalisedPath(path)).isEqualTo(expected);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "/plain/path.html?q=/../x | 0",
        "/a/./b                   | 1",
        "/a%20b                   | 1",
        "/.hidden                 | 1",
        "*                        | 2",
        "http://h/x               | 2",
        "h:443                    | 2",
      })
  void sortsTargetsInOneScan(String target, int kind) {
    assertThat(RequestTarget.classify(target)).isEqualTo(kind);
  }

  @org.junit.jupiter.api.Test
  void controlCharactersAndSpacesAreInvalid() {
    for (String target : new String[] {"", "/a b", "/a\tb", "/a\0", "/a\u007f", "/?a b"}) {
      assertThat(RequestTarget.classify(target)).as(target).isEqualTo(RequestTarget.INVALID);
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      nullValues = "REFUSED",
      value = {
        "http://h/p?q     | h         | /p?q",
        "http://h         | h         | /",
        "HTTP://h:8080?q  | h:8080    | /?q",
        "https://[::1]/x  | [::1]     | /x",
        "http://u@h/      | REFUSED   | REFUSED",
        "http:///x        | REFUSED   | REFUSED",
        "ftp://h/         | REFUSED   | REFUSED",
        "h/x              | REFUSED   | REFUSED",
      })
  void absoluteFormBecomesOriginForm(String target, String authority, String origin) {
    String[] parts = RequestTarget.fromAbsolute(target);
    if (authority == null) {
      assertThat(parts).isNull();
    } else {
      assertThat(parts).containsExactly(authority, origin);
    }
  }
}
