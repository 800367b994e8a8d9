package io.loadgen.stats;

/**
 * What a run did not deliver besides its failed records: what a broker outage leaves behind. Every figure is of
 * records that appear neither as sent nor as failed, so without it they would appear nowhere.
 *
 * @param notSent       records the schedule of --rate made due before sending stopped that were never handed to the
 *                      producer; 0 when unpaced
 * @param behindMillis  how far behind its schedule sending was when it stopped (the oldest due record not yet handed
 *                      over); 0 when on schedule or unpaced
 * @param unconfirmed   records handed to the producer that were neither acknowledged nor failed when the run stopped
 *                      waiting for them (--stop-timeout, or a second signal)
 * @param sending       stalls of sending: no record handed to the producer although records were due
 * @param acks          stalls of acknowledgements: records in flight, none acknowledged or failed
 */
public record Shortfall(long notSent, long behindMillis, long unconfirmed, Stalls sending, Stalls acks) {

    /** Sending this far behind its schedule when the run ended means it did not deliver the load it was asked for. */
    public static final long BEHIND_LIMIT_MILLIS = Stalls.MIN_MILLIS;

    public static final Shortfall NONE = new Shortfall(0, 0, 0, Stalls.NONE, Stalls.NONE);

    public Shortfall {
        sending = sending == null ? Stalls.NONE : sending;
        acks = acks == null ? Stalls.NONE : acks;
    }

    /** The run fell short: records it handed over are unaccounted for, or it ended well behind its schedule. */
    public boolean incomplete() {
        return unconfirmed > 0 || behindSchedule();
    }

    public boolean behindSchedule() {
        return behindMillis > BEHIND_LIMIT_MILLIS;
    }

    /** Two shards' shortfalls: counts add, the worst lag is kept. */
    public Shortfall plus(Shortfall other) {
        return new Shortfall(
                notSent + other.notSent,
                Math.max(behindMillis, other.behindMillis),
                unconfirmed + other.unconfirmed,
                sending.plus(other.sending),
                acks.plus(other.acks));
    }
}
