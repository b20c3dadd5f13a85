package dev.slipway.agent.health;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;

/** An http check's try: a GET of the loopback URL answered with a 2xx status. */
final class HttpProbe implements Probe {

    private final HttpClient client;
    private final URI url;
    private final Duration tryTimeout;

    HttpProbe(HttpClient client, URI url, Duration tryTimeout) {
        this.client = client;
        this.url = url;
        this.tryTimeout = tryTimeout;
    }

    /** One client for every http check of a run: loopback only, so no proxy; redirects are not followed. */
    static HttpClient client(Duration connectTimeout) {
        return HttpClient.newBuilder().proxy(HttpClient.Builder.NO_PROXY).followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout).build();
    }

    @Override
    public Attempt attempt(Duration remaining) throws InterruptedException {
        boolean deadlineBinds = remaining.compareTo(tryTimeout) <= 0;
        HttpRequest request = HttpRequest.newBuilder(url).GET().timeout(deadlineBinds ? remaining : tryTimeout)
                .build();
        try {
            int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status <= 299 ? Attempt.pass()
                    : Attempt.fail("GET " + url + " answered HTTP " + status);
        } catch (HttpTimeoutException e) {
            String reason = "GET " + url + " had no answer within "
                    + (deadlineBinds ? "the deadline" : tryTimeout.toSeconds() + " s");
            return deadlineBinds ? Attempt.stopped(reason) : Attempt.fail(reason);
        } catch (ConnectException e) {
            return Attempt.fail("GET " + url + ": connection refused (nothing listens there yet)");
        } catch (IOException e) {
            return Attempt.fail("GET " + url + " failed: " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage()));
        }
    }
}
