package io.virtblk.input;

/** One input line, its 1-based number, its text without the line end. */
public record Line(int number, String text) {
}
