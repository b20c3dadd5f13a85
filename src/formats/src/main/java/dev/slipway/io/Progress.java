package dev.slipway.io;

/**
 * Where long work reports how far it got. Implementations must tolerate calls from several
 * threads; the CLI prints to stderr, libraries and tests pass {@link #NONE}.
 */
public interface Progress {

    Progress NONE = new Progress() {
        @Override
        public void start(String task, long total) {
        }

        @Override
        public void advance(long units) {
        }

        @Override
        public void finish() {
        }
    };

    /** Begins a task of {@code total} units (bytes, usually); 0 when unknown. */
    void start(String task, long total);

    void advance(long units);

    void finish();
}
