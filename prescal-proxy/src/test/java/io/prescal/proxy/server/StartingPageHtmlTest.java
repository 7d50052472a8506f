package io.prescal.proxy.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.UnpooledByteBufAllocator;
import io.netty.handler.codec.http.FullHttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The "starting" page never carries a service name as markup (names are checked when the file is
 * read, but the page must not rely on it), and the escaping covers every character that could end
 * an element or an attribute.
 */
class StartingPageHtmlTest {

  @Test
  void theServiceNameIsEscaped() {
    FullHttpResponse page =
        Responses.startingPage(
            UnpooledByteBufAllocator.DEFAULT, "<script>alert('x')</script>&\"", true);
    try {
      String body = page.content().toString(StandardCharsets.UTF_8);
      assertThat(body)
          .doesNotContain("<script>")
          .contains(
              "<title>Starting &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;</title>");
      assertThat(page.headers().getInt("Content-Length")).isEqualTo(page.content().readableBytes());
      assertThat(page.headers().contains("Connection")).isFalse();
    } finally {
      page.release();
    }
  }

  @Test
  void escapeLeavesPlainTextAlone() {
    assertThat(Html.escape("shop-eu_1.v2")).isEqualTo("shop-eu_1.v2");
    assertThat(Html.escape("a&b<c>d\"e'f")).isEqualTo("a&amp;b&lt;c&gt;d&quot;e&#39;f");
  }
}
