/**
 * JSON files users write (report kinds, driver definitions) read with every value's line and
 * column kept, so a wrong entry is named where it was written.
 */
package io.virtblk.grammar.json;
