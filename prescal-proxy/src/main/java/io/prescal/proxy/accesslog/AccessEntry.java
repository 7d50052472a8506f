package io.prescal.proxy.accesslog;

/**
 * One finished request.
 *
 * @param epochMillis when it ended
 * @param client the client's address
 * @param method the request method
 * @param uri the request target
 * @param status the status sent to the client (0: none, the connection was closed)
 * @param responseBytes body bytes sent to the client
 * @param micros time from the request head to the end of the response
 * @param service the service, or "-"
 * @param backend the backend that answered, or "-"
 * @param attempts backends tried
 */
public record AccessEntry(
    long epochMillis,
    String client,
    String method,
    String uri,
    int status,
    long responseBytes,
    long micros,
    String service,
    String backend,
    int attempts) {}
