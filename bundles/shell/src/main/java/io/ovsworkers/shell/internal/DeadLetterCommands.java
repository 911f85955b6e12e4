package io.ovsworkers.shell.internal;

import io.ovsworkers.spi.Broker;
import io.ovsworkers.spi.TaskMessage;
import org.apache.felix.service.command.Descriptor;
import org.apache.felix.service.command.Parameter;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/** Shell command for the dead-letter queue: what is in it and why, send it back, or drop it. */
@Component(service = DeadLetterCommands.class, property = {
        "osgi.command.scope=ovs",
        "osgi.command.function=deadletters"})
public final class DeadLetterCommands {
    static final String LIST = "list";
    static final String REQUEUE = "requeue";
    static final String PURGE = "purge";

    @Reference(policyOption = ReferencePolicyOption.GREEDY)
    Broker broker;

    @Descriptor("lists the messages in ovs_deadletter (id, task, original routing key, reason), at most --max of them")
    public String deadletters(
            @Descriptor("most messages to list")
            @Parameter(names = {"-m", "--max"}, absentValue = "50") int max) throws Exception {
        return deadletters(max, false, LIST, "");
    }

    @Descriptor("ovs:deadletters list | requeue QUEUE | purge --force: lists the dead letters, moves them all to QUEUE"
            + " (e.g. ovs_generic) to be run again, or removes them")
    public String deadletters(
            @Descriptor("most messages to list")
            @Parameter(names = {"-m", "--max"}, absentValue = "50") int max,
            @Descriptor("confirms purge; without it nothing is removed")
            @Parameter(names = {"-f", "--force"}, presentValue = "true", absentValue = "false") boolean force,
            @Descriptor("the action: list, requeue or purge") String action,
            @Descriptor("requeue: the queue to move them to") String... target) throws Exception {
        switch (action) {
            case LIST -> {
                return list(max);
            }
            case REQUEUE -> {
                if (target.length != 1) {
                    throw new IllegalArgumentException("requeue needs the queue to move the dead letters to, e.g. ovs:deadletters requeue ovs_generic");
                }
                long moved = broker.move(Broker.DEAD_LETTER_QUEUE, target[0]);
                return "Moved " + moved + " message(s) from " + Broker.DEAD_LETTER_QUEUE + " to " + target[0] + ".";
            }
            case PURGE -> {
                if (!force) {
                    return "Not purged: " + Broker.DEAD_LETTER_QUEUE + " holds " + broker.depth(Broker.DEAD_LETTER_QUEUE)
                            + " message(s); repeat with --force to remove them for good.";
                }
                return "Removed " + broker.purge(Broker.DEAD_LETTER_QUEUE) + " message(s) from " + Broker.DEAD_LETTER_QUEUE + ".";
            }
            default -> throw new IllegalArgumentException("Unknown action '" + action + "'; use list, requeue QUEUE or purge --force");
        }
    }

    private String list(int max) throws Exception {
        if (max < 1) {
            throw new IllegalArgumentException("--max must be at least 1, got " + max);
        }
        var messages = broker.browse(Broker.DEAD_LETTER_QUEUE, max);
        if (messages.isEmpty()) {
            return "No dead letters: " + Broker.DEAD_LETTER_QUEUE + " is empty.";
        }
        Table table = new Table("ID", "TASK", "ROUTING KEY", "ARGUMENTS", "REASON");
        for (TaskMessage message : messages) {
            table.row(message.id(), message.task(), message.routingKey() == null ? "-" : message.routingKey(),
                    TaskCommands.JSON.writeValueAsString(message.args()),
                    String.valueOf(message.headers().getOrDefault(Broker.DEAD_LETTER_REASON_HEADER, "-")));
        }
        long depth = broker.depth(Broker.DEAD_LETTER_QUEUE);
        return table.render() + (depth > messages.size() ? "\n(" + messages.size() + " of " + depth + " shown)" : "");
    }
}
