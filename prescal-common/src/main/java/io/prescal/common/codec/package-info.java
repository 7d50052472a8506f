/**
 * The JSON codec of the event contract.
 *
 * <p>{@link io.prescal.common.codec.EventCodec} writes envelopes and reads them back into a {@link
 * io.prescal.common.codec.Decoded}: an event, something to skip and count (unknown type, newer
 * version), or a typed failure. Decoding never throws, so a consumer loop never dies of a bad
 * message. {@link io.prescal.common.codec.DecodeCounters} counts outcomes and logs each kind of
 * failure once. {@link io.prescal.common.codec.CommandSigner} signs and verifies commands.
 */
package io.prescal.common.codec;
