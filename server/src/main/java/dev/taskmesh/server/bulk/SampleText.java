package dev.taskmesh.server.bulk;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Titles and descriptions for imported tasks that search can be measured on: words of a project tracker's
 * vocabulary drawn with a Zipf-like skew (a few words in many tasks, most in few), the same text for the same task
 * number on every run.
 */
final class SampleText {

    /** Ordered from the most to the least frequent. */
    static final List<String> VOCABULARY = List.of(
            "fix",
            "update",
            "add",
            "review",
            "bug",
            "page",
            "api",
            "test",
            "design",
            "release",
            "user",
            "error",
            "login",
            "report",
            "mobile",
            "search",
            "payment",
            "dashboard",
            "email",
            "invoice",
            "customer",
            "database",
            "migration",
            "performance",
            "security",
            "onboarding",
            "checkout",
            "notification",
            "settings",
            "profile",
            "export",
            "import",
            "upload",
            "download",
            "billing",
            "subscription",
            "analytics",
            "metrics",
            "logging",
            "monitoring",
            "deployment",
            "pipeline",
            "docker",
            "kubernetes",
            "cache",
            "redis",
            "postgres",
            "index",
            "query",
            "timeout",
            "crash",
            "memory",
            "leak",
            "latency",
            "throughput",
            "accessibility",
            "translation",
            "localization",
            "spanish",
            "german",
            "japanese",
            "calendar",
            "schedule",
            "reminder",
            "permission",
            "role",
            "admin",
            "audit",
            "compliance",
            "gdpr",
            "privacy",
            "consent",
            "cookie",
            "banner",
            "header",
            "footer",
            "sidebar",
            "navigation",
            "button",
            "modal",
            "tooltip",
            "dropdown",
            "form",
            "validation",
            "password",
            "reset",
            "token",
            "session",
            "oauth",
            "webhook",
            "integration",
            "slack",
            "github",
            "jira",
            "stripe",
            "paypal",
            "refund",
            "discount",
            "coupon",
            "pricing",
            "plan",
            "trial",
            "upgrade",
            "downgrade",
            "cancel",
            "churn",
            "retention",
            "cohort",
            "funnel",
            "conversion",
            "landing",
            "marketing",
            "campaign",
            "newsletter",
            "blog",
            "seo",
            "sitemap",
            "redirect",
            "domain",
            "certificate",
            "backup",
            "restore",
            "disaster",
            "recovery",
            "failover",
            "replica",
            "shard",
            "partition",
            "archive",
            "retention",
            "quota",
            "limit",
            "throttle",
            "queue",
            "worker",
            "retry",
            "idempotency",
            "websocket",
            "realtime",
            "presence",
            "typing",
            "comment",
            "mention",
            "attachment",
            "thumbnail",
            "image",
            "video",
            "transcoding",
            "storage",
            "bucket",
            "encryption",
            "rotation",
            "secret",
            "vault",
            "firewall",
            "vpn",
            "latitude",
            "longitude",
            "map",
            "geocoding",
            "timezone",
            "daylight",
            "currency",
            "exchange",
            "rate",
            "tax",
            "vat",
            "receipt",
            "ledger",
            "reconciliation",
            "forecast",
            "budget",
            "quarterly",
            "roadmap",
            "milestone",
            "sprint",
            "retrospective",
            "standup",
            "hiring",
            "interview",
            "offsite",
            "handbook",
            "policy",
            "vendor",
            "contract",
            "renewal",
            "legal",
            "trademark",
            "patent",
            "warehouse",
            "inventory",
            "shipping",
            "tracking",
            "carrier",
            "pallet",
            "forklift",
            "barcode",
            "scanner",
            "printer",
            "label",
            "kiosk",
            "tablet",
            "firmware",
            "bluetooth",
            "sensor",
            "thermostat",
            "humidity",
            "solar",
            "battery",
            "charger",
            "inverter",
            "turbine",
            "pump");

    private static final List<String> FILLER = List.of("the", "for", "on", "with", "in", "after", "before", "when");

    private SampleText() {}

    static String title(long task) {
        SplittableRandom random = new SplittableRandom(task * 0x9E3779B97F4A7C15L);
        return capitalise(words(random, 3 + random.nextInt(4)));
    }

    static String description(long task) {
        SplittableRandom random = new SplittableRandom(~task * 0x9E3779B97F4A7C15L);
        return capitalise(words(random, 15 + random.nextInt(26))) + ".";
    }

    private static String words(SplittableRandom random, int count) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                text.append(' ');
                if (random.nextInt(4) == 0) {
                    text.append(FILLER.get(random.nextInt(FILLER.size()))).append(' ');
                }
            }
            text.append(VOCABULARY.get(zipf(random)));
        }
        return text.toString();
    }

    /** An index into the vocabulary, word k drawn about 1/(k+1) as often as the first. */
    private static int zipf(SplittableRandom random) {
        double harmonic = Math.log(VOCABULARY.size()) + 0.5772;
        double target = random.nextDouble() * harmonic;
        double sum = 0;
        for (int k = 0; k < VOCABULARY.size(); k++) {
            sum += 1.0 / (k + 1);
            if (sum >= target) {
                return k;
            }
        }
        return VOCABULARY.size() - 1;
    }

    private static String capitalise(String text) {
        return Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
