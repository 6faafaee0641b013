package io.virtblk.analyzer.store;

import java.math.BigDecimal;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.regex.Pattern;

/**
 * A number in a query, read strictly for the field it is compared with. Lucene's points config
 * reads values with a {@link NumberFormat}, which takes the longest prefix that parses and converts
 * what it got: {@code line:[1.5 TO 2]} ran as 1, {@code mono:1e3} as 1, {@code line:1*} as 1, a
 * long overflow as {@code Long.MAX_VALUE} and {@code NaN} as a bound that matches nothing. Here the
 * whole value must be a number the field holds, or the query is refused saying why.
 */
final class QueryNumbers {

    private static final Pattern NOT_FINITE = Pattern.compile("[+-]?(nan|inf|infinity|∞)", Pattern.CASE_INSENSITIVE);

    private QueryNumbers() {
    }

    /**
     * The value of a {@link FieldKind#LONG} field.
     *
     * @param bound whether the value bounds a range (where {@code *}, not infinity, is the open end)
     * @throws IllegalArgumentException saying what the field holds and why {@code text} is not that
     */
    static long whole(String field, String text, boolean bound) {
        BigDecimal n = number(field, text, bound, " holds whole numbers");
        if (n.stripTrailingZeros().scale() > 0) {
            throw new IllegalArgumentException(field + " holds whole numbers; " + text + " is not one");
        }
        try {
            return n.longValueExact();
        } catch (ArithmeticException e) {
            throw new IllegalArgumentException(field + " holds whole numbers from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE + "; "
                    + text + " is out of that range");
        }
    }

    /** The value of a {@link FieldKind#DOUBLE} field; as {@link #whole}. */
    static double decimal(String field, String text, boolean bound) {
        BigDecimal n = number(field, text, bound, " holds numbers");
        double d = n.doubleValue();
        if (Double.isInfinite(d)) {
            throw new IllegalArgumentException(field + " holds numbers up to ±" + Double.MAX_VALUE + "; " + text + " is out of that range");
        }
        if (d == 0 && n.signum() != 0) {
            throw new IllegalArgumentException(field + " holds numbers no nearer to 0 than ±" + Double.MIN_VALUE + "; " + text
                    + " is nearer");
        }
        return d;
    }

    private static BigDecimal number(String field, String text, boolean bound, String holds) {
        if (text.indexOf('*') >= 0 || text.indexOf('?') >= 0) {
            throw new IllegalArgumentException(field + holds + ", which wildcards do not match; ask a range instead: " + field
                    + ":[* TO *] is any value, " + field + ":[100 TO 199] a span");
        }
        if (NOT_FINITE.matcher(text.strip()).matches()) {
            throw new IllegalArgumentException(bound
                    ? text + " is not a bound a range of " + field + " can have; an open end is written *, as in " + field + ":[5 TO *]"
                    : field + holds + "; " + text + " is not one");
        }
        try {
            return new BigDecimal(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + holds + "; '" + text + "' is not one");
        }
    }

    /**
     * The format the points config reads a field's values with. Values are checked with {@link
     * #whole} or {@link #decimal} before Lucene sees them, with their position; this refuses
     * (rather than cuts short) anything that comes through unchecked.
     */
    static NumberFormat format(String field, FieldKind kind) {
        return new Strict(field, kind == FieldKind.LONG);
    }

    private static final class Strict extends NumberFormat {

        private final String field;
        private final boolean whole;

        Strict(String field, boolean whole) {
            this.field = field;
            this.whole = whole;
        }

        @Override
        public StringBuffer format(double number, StringBuffer to, FieldPosition pos) {
            return to.append(number);
        }

        @Override
        public StringBuffer format(long number, StringBuffer to, FieldPosition pos) {
            return to.append(number);
        }

        @Override
        public Number parse(String source, ParsePosition pos) {
            String text = source.substring(pos.getIndex());
            try {
                Number n = whole ? (Number) whole(field, text, true) : (Number) decimal(field, text, true);
                pos.setIndex(source.length());
                return n;
            } catch (IllegalArgumentException e) {
                pos.setErrorIndex(pos.getIndex());
                return null;
            }
        }
    }
}
