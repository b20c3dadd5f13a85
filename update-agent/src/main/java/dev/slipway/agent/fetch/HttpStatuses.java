package dev.slipway.agent.fetch;

import dev.slipway.agent.fetch.FetchException.Reason;
import java.net.http.HttpResponse;

/** Turns an HTTP status the client did not ask for into a FetchException that says what to do. */
final class HttpStatuses {

    private HttpStatuses() {
    }

    /**
     * @param url   the URL for the message
     * @param asked what was asked for ("the file", "bytes 0-99"), for the message
     */
    static FetchException failure(String url, HttpResponse<?> response, String asked) {
        int status = response.statusCode();
        String head = url + ": the server answered HTTP " + status + " to a request for " + asked;
        if (status == 404 || status == 410) {
            return new FetchException(Reason.NOT_FOUND, url, status, url + ": not found (HTTP " + status + ")."
                    + " Check the repository URL in the agent's configuration and that this release was published"
                    + " completely.", null);
        }
        if (status >= 300 && status < 400) {
            String location = response.headers().firstValue("location").orElse("(no Location header)");
            return new FetchException(Reason.HTTP_STATUS, url, status, head + ", a redirect to " + location
                    + " that the agent does not follow (it follows redirects within http or https and from http to"
                    + " https, never from https to http, and at most a few in a row). Point the agent at the"
                    + " final URL.", null);
        }
        if (status >= 200 && status < 300) {
            return new FetchException(Reason.BAD_RESPONSE, url, status, head + ", which is not the answer such a"
                    + " request has. The server or a proxy in between is broken; fix it or use another mirror.", null);
        }
        String advice = switch (status) {
            case 401, 403 -> "The server refuses access: make the repository's files readable to the agent.";
            case 408, 429 -> "The server is busy; the next poll tries again.";
            default -> status >= 500
                    ? "The server has trouble; the next poll tries again."
                    : "Check the repository URL and the server's configuration.";
        };
        return new FetchException(Reason.HTTP_STATUS, url, status, head + ". " + advice, null);
    }
}
