package io.virtblk.replay.block;

/** What a device's trace says happened to it; {@link #word()} is what scripts read in {@code check --json}. */
public enum BlockVerdict {
    /** Every request it got completed promptly and nothing hung. */
    HEALTHY("healthy", false),
    /** It stopped completing while requests were in flight. */
    STALLED("stalled", true),
    /** I/O was slow, but the waiting happened before the device: what it got, it completed promptly. */
    THROTTLED("throttled", false),
    /** The kernel reported tasks hung while the device had nothing in flight: the wait is above the block layer. */
    BLOCKED_ABOVE("blocked-above", true);

    private final String word;
    private final boolean failure;

    BlockVerdict(String word, boolean failure) {
        this.word = word;
        this.failure = failure;
    }

    public String word() {
        return word;
    }

    /** True for the verdicts {@code check} exits 3 on. */
    public boolean failure() {
        return failure;
    }
}
