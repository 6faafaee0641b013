/**
 * Kernel reports (oops, KASAN, lockdep, hung tasks, RCU stalls, ...) found in a kernel log and
 * titled as syzkaller titles them: the table of report kinds is data
 * ({@code report-kinds.json}, extended by users' files through {@link io.virtblk.grammar.report.RuleFile}),
 * {@link io.virtblk.grammar.report.ReportScanner} finds where each report starts and ends, and
 * {@link io.virtblk.grammar.report.Titler} picks the guilty frame and builds the title.
 */
package io.virtblk.grammar.report;
