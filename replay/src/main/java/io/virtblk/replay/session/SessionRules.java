package io.virtblk.replay.session;

import java.util.Set;

/**
 * What a driver tells session building when its lines carry no pid: its own ioctls, which go to
 * the latest open session that issued only those (a user app keeps one session open across
 * many), while every other ioctl (fio's BLKFLSBUF) goes to the latest session that has issued
 * none yet.
 *
 * @param ownIoctls the names of the driver's own ioctl commands, as its symbol lines give them
 */
public record SessionRules(Set<String> ownIoctls) {

    public SessionRules {
        ownIoctls = Set.copyOf(ownIoctls);
    }
}
