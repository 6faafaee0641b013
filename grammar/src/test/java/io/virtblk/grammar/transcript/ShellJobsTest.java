package io.virtblk.grammar.transcript;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Bash's job rules as a transcript shows them: which job {@code fg} and {@code wait} bring back. */
class ShellJobsTest {

    private static ShellJobs.Change type(ShellJobs jobs, int line, String commandLine) {
        return jobs.command(line, commandLine, TranscriptReader.program(commandLine));
    }

    @Test
    void anAmpersandStartsAJobAndFgBringsTheLatestBack() {
        ShellJobs jobs = new ShellJobs();
        assertThat(type(jobs, 1, "sudo fio a.fio &").started()).isEqualTo(new ShellJobs.Job(1, "sudo fio a.fio &", "fio", 1));
        assertThat(type(jobs, 2, "sudo ./virtblkioctl /dev/virtblkiosim --io 3").started()).isNull();
        assertThat(type(jobs, 3, "sudo fio b.fio &").started().number()).isEqualTo(2);
        assertThat(type(jobs, 4, "fg").resumed()).extracting(ShellJobs.Job::line).containsExactly(3);
        assertThat(type(jobs, 5, "fg").resumed()).extracting(ShellJobs.Job::line).containsExactly(1);
        assertThat(jobs.anyPending()).isFalse();
        assertThat(type(jobs, 6, "fg").resumed()).as("bash: fg: current: no such job").isEmpty();
    }

    @Test
    void jobSpecsNameAJobByNumberPrefixOrText() {
        ShellJobs jobs = new ShellJobs();
        type(jobs, 1, "sudo fio a.fio &");
        type(jobs, 2, "dd if=/dev/virtblkiosim of=/dev/null &");
        type(jobs, 3, "sudo fio c.fio &");
        assertThat(type(jobs, 4, "fg %1").resumed()).extracting(ShellJobs.Job::line).containsExactly(1);
        assertThat(type(jobs, 5, "fg %?c.fio").resumed()).extracting(ShellJobs.Job::line).containsExactly(3);
        assertThat(type(jobs, 6, "%dd").resumed()).extracting(ShellJobs.Job::line).containsExactly(2);
        assertThat(type(jobs, 7, "sudo fio d.fio &").started().number()).as("numbered from 1 again once none is left").isEqualTo(1);
    }

    @Test
    void waitBringsEveryJobBackAndAndAndIsNotBackground() {
        ShellJobs jobs = new ShellJobs();
        type(jobs, 1, "sudo fio a.fio &");
        type(jobs, 2, "sudo fio b.fio &");
        assertThat(type(jobs, 3, "wait").resumed()).extracting(ShellJobs.Job::line).containsExactly(1, 2);
        assertThat(ShellJobs.background("make && sudo fio a.fio")).isFalse();
        assertThat(ShellJobs.background("sudo fio a.fio & ")).isTrue();
        assertThat(ShellJobs.jobControl("fg")).isTrue();
        assertThat(ShellJobs.jobControl("fio")).isFalse();
    }
}
