/**
 * JSON files users write (report kinds, driver definitions) read with every value's line and
 * column kept, so a wrong entry is named where it was written ({@link io.virtblk.grammar.json.LocatedJson}),
 * and found where users keep them ({@link io.virtblk.grammar.json.UserFiles}).
 */
package io.virtblk.grammar.json;
