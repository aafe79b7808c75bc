package io.daas.builder.reproducible;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Rewrites an image config (the JSON whose SHA-256 is the image id) so that it holds nothing
 * particular to one build: its time and every history time set to SOURCE_DATE_EPOCH, the builder's container and parent
 * image ids removed, the service's per-build labels removed, the new layers' diff ids.
 */
final class ImageConfig {

    private final ObjectMapper json;

    ImageConfig(ObjectMapper json) {
        this.json = json;
    }

    /** The diff ids the config lists, bottom first. */
    List<String> diffIds(byte[] config) {
        JsonNode ids = json.readTree(config).path("rootfs").path("diff_ids");
        return ids.valueStream().map(JsonNode::asString).toList();
    }

    byte[] rewrite(byte[] config, List<String> diffIds, long epoch, Set<String> droppedLabels) {
        ObjectNode root = (ObjectNode) json.readTree(config);
        String at = Instant.ofEpochSecond(epoch).toString();
        // Every time is SOURCE_DATE_EPOCH: a clamp would keep the earlier times of layers the engine reused.
        root.put("created", at);
        // The classic builder's last step container and its config, and the engine version: none is content.
        root.remove("container");
        root.remove("container_config");
        root.remove("docker_version");
        if (root.get("config") instanceof ObjectNode runConfig) {
            // The id of the previous step's image, itself dependent on that step's times.
            runConfig.remove("Image");
            if (runConfig.get("Labels") instanceof ObjectNode labels) {
                droppedLabels.forEach(labels::remove);
                if (labels.isEmpty()) {
                    runConfig.putNull("Labels");
                }
            }
        }
        if (root.get("history") instanceof ArrayNode history) {
            for (JsonNode h : history) {
                if (h instanceof ObjectNode step && step.has("created")) {
                    step.put("created", at);
                }
            }
        }
        ArrayNode ids = ((ObjectNode) root.path("rootfs")).putArray("diff_ids");
        diffIds.forEach(ids::add);
        return json.writeValueAsBytes(root);
    }
}
