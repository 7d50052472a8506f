package io.prescal.proxy.admin;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves one admin request. Work that may take time (status, reload) runs on {@code worker}, never
 * on the event loop.
 */
final class AdminHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private final AdminActions actions;
  private final AdminGate gate;
  private final Executor worker;

  AdminHandler(AdminActions actions, AdminGate gate, Executor worker) {
    this.actions = actions;
    this.gate = gate;
    this.worker = worker;
  }

  @Override
  protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
    boolean keepAlive = HttpUtil.isKeepAlive(request);
    AdminGate.Refusal refusal = gate.check(request);
    if (refusal != null) {
      send(ctx, false, refusal.status(), "text/plain", refusal.message());
      return;
    }
    QueryStringDecoder uri = new QueryStringDecoder(request.uri());
    HttpMethod method = request.method();
    worker.execute(() -> answer(ctx, keepAlive, method, uri));
  }

  private void answer(
      ChannelHandlerContext ctx, boolean keepAlive, HttpMethod method, QueryStringDecoder uri) {
    String path = uri.path();
    String[] parts = path.split("/");
    CommandRequest command =
        method.equals(HttpMethod.POST) ? CommandRequest.of(parts, uri.parameters()) : null;
    if (method.equals(HttpMethod.GET) && path.equals("/status")) {
      send(ctx, keepAlive, HttpResponseStatus.OK, "application/json", json(actions.status()));
    } else if (method.equals(HttpMethod.GET) && path.equals("/metrics")) {
      send(ctx, keepAlive, HttpResponseStatus.OK, "text/plain; version=0.0.4", actions.metrics());
    } else if (method.equals(HttpMethod.POST) && path.equals("/reload")) {
      List<String> problems = actions.reload();
      send(
          ctx,
          keepAlive,
          problems.isEmpty() ? HttpResponseStatus.OK : HttpResponseStatus.UNPROCESSABLE_ENTITY,
          "application/json",
          json(Map.of("applied", problems.isEmpty(), "problems", problems)));
    } else if (method.equals(HttpMethod.POST)
        && parts.length == 6
        && parts[1].equals("services")
        && parts[3].equals("backends")
        && parts[5].equals("drain")) {
      String refused = actions.drain(parts[2], parts[4]);
      send(
          ctx,
          keepAlive,
          refused == null ? HttpResponseStatus.ACCEPTED : HttpResponseStatus.NOT_FOUND,
          "application/json",
          json(refused == null ? Map.of("draining", parts[4]) : Map.of("error", refused)));
    } else if (command != null && command.problem() != null) {
      send(
          ctx,
          keepAlive,
          HttpResponseStatus.BAD_REQUEST,
          "application/json",
          json(Map.of("accepted", false, "reason", command.problem())));
    } else if (command != null) {
      CommandOutcome outcome = actions.command(command.service(), command.command());
      send(
          ctx,
          keepAlive,
          outcome.accepted() ? HttpResponseStatus.OK : HttpResponseStatus.CONFLICT,
          "application/json",
          json(
              Map.of(
                  "accepted",
                  outcome.accepted(),
                  outcome.accepted() ? "detail" : "reason",
                  outcome.detail())));
    } else {
      send(
          ctx,
          keepAlive,
          HttpResponseStatus.NOT_FOUND,
          "text/plain",
          "404: try GET /status, GET /metrics, POST /reload, POST"
              + " /services/{service}/backends/{id}/drain, or POST /services/{service}/scale?replicas=N,"
              + " /limits?min=N&max=N, /pause, /resume\n");
    }
  }

  private static String json(Object value) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(value) + "\n";
  }

  private static void send(
      ChannelHandlerContext ctx,
      boolean keepAlive,
      HttpResponseStatus status,
      String type,
      String body) {
    FullHttpResponse response =
        new DefaultFullHttpResponse(
            HttpVersion.HTTP_1_1, status, Unpooled.copiedBuffer(body, StandardCharsets.UTF_8));
    response
        .headers()
        .set(HttpHeaderNames.CONTENT_TYPE, type)
        .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes());
    HttpUtil.setKeepAlive(response, keepAlive);
    var written = ctx.writeAndFlush(response);
    if (!keepAlive) {
      written.addListener(ChannelFutureListener.CLOSE);
    }
  }
}
