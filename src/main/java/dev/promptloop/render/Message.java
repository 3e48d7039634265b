package dev.promptloop.render;

/** One chat message as sent to the model. */
public record Message(Role role, String content) {

    public enum Role {
        SYSTEM("system"), USER("user");

        private final String wireName;

        Role(String wireName) {
            this.wireName = wireName;
        }

        public String wireName() {
            return wireName;
        }
    }
}
