package dev.slipway.agent.fetch;

import dev.slipway.agent.fetch.FetchException.Reason;

/** The checks every backend makes on a byte range, and the messages they give. */
final class Ranges {

    private Ranges() {
    }

    /** Refuses a negative offset or length, or a range whose end overflows a long. */
    static void check(long offset, long length) {
        if (offset < 0 || length < 0 || offset > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("invalid byte range: offset " + offset + ", length " + length);
        }
    }

    /** The range lies (partly) past the end of a file of {@code fileLength} bytes (-1 when unknown). */
    static FetchException pastEnd(String url, String asked, long fileLength) {
        String size = fileLength >= 0 ? "the file has " + fileLength + " bytes" : "the file is shorter";
        return new FetchException(Reason.BAD_RESPONSE, url, url + ": cannot read " + asked + ": " + size + "."
                + " The frame index and the frames file disagree: the repository is damaged or being published;"
                + " republish the release if this persists.");
    }

    /**
     * Checks a 206 answer's {@code Content-Range} header against the range asked for.
     *
     * @throws FetchException BAD_RESPONSE for a missing, malformed or other range, or one cut short by the file's end
     */
    static void checkAnswer(String url, long offset, long length, String header) throws FetchException {
        long last = offset + length - 1;
        String asked = "bytes " + offset + "-" + last;
        ContentRange answer = header == null ? null : ContentRange.parse(header);
        if (answer != null && answer.first() == offset && answer.last() == last) {
            return;
        }
        boolean cutByEnd = answer != null && answer.first() == offset && answer.last() < last
                && answer.length() == answer.last() + 1;
        if (cutByEnd) {
            throw pastEnd(url, asked, answer.length());
        }
        String got = header == null ? "no Content-Range header"
                : answer == null ? "an unreadable Content-Range \"" + header + "\"" : answer.toString();
        throw new FetchException(Reason.BAD_RESPONSE, url, url + ": asked for " + asked + ", the server answered "
                + got + ". The server or a proxy in between does not handle ranges correctly; fix it or use another"
                + " mirror.");
    }
}
