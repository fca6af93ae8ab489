package org.apache.kylin.rest.asyncquery.api;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a request's {@code Accept-Encoding} (RFC 9110 12.5.3) allows: each content coding's weight, {@code q=0}
 * meaning refused. A coding not named takes the weight of {@code *}, or is refused when there is no {@code *};
 * {@code x-gzip} is gzip. An element with a malformed weight is ignored, so it accepts nothing. Without the header
 * nothing is accepted: the plain bytes, which every client reads, are sent. Immutable.
 */
final class AcceptEncoding {
    private static final Pattern WEIGHT = Pattern.compile("0(\\.[0-9]{0,3})?|1(\\.0{0,3})?");
    private static final String ANY = "*";

    private final Map<String, Double> weights;

    private AcceptEncoding(Map<String, Double> weights) {
        this.weights = weights;
    }

    static AcceptEncoding parse(String header) {
        Map<String, Double> weights = new HashMap<>();
        if (header != null) {
            for (String element : header.split(",")) {
                String[] parts = element.split(";", -1);
                String coding = parts[0].trim().toLowerCase(Locale.ROOT);
                Double weight = weight(parts);
                if (!coding.isEmpty() && weight != null) {
                    weights.putIfAbsent(coding.equals("x-gzip") ? "gzip" : coding, weight);
                }
            }
        }
        return new AcceptEncoding(weights);
    }

    /** The element's q, 1 without one; null when it is malformed. */
    private static Double weight(String[] parts) {
        double weight = 1;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            int equals = parameter.indexOf('=');
            if (equals < 0 || !parameter.substring(0, equals).trim().equalsIgnoreCase("q")) {
                continue;
            }
            String value = parameter.substring(equals + 1).trim();
            if (!WEIGHT.matcher(value).matches()) {
                return null;
            }
            weight = Double.parseDouble(value);
        }
        return weight;
    }

    /** The weight the client gives this coding, 0 when it refuses it or does not name it. */
    double weight(ContentCoding coding) {
        Double named = weights.get(coding.token());
        if (named != null) {
            return named;
        }
        return weights.getOrDefault(ANY, 0.0);
    }

    boolean accepts(ContentCoding coding) {
        return weight(coding) > 0;
    }

    /** The accepted coding of the highest weight, the server's order breaking ties; empty if none is accepted. */
    Optional<ContentCoding> preferred(List<ContentCoding> offered) {
        ContentCoding best = null;
        for (ContentCoding coding : offered) {
            if (accepts(coding) && (best == null || weight(coding) > weight(best))) {
                best = coding;
            }
        }
        return Optional.ofNullable(best);
    }
}
