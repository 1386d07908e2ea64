package gradientkata.training;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Lesson 08 · Training deep nets: the two activations, value and slope")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActivationTest {

    /** σ and σ·σ(−z) from correctly rounded oracle values: a few ulps. */
    private static final double TOLERANCE = 1e-14;

    @Order(1)
    @Test
    @DisplayName("the sigmoid's value σ(z) and slope σ(z)·σ(−z) agree with 60-digit arithmetic, from z = −1000 to 1000")
    void sigmoidAgreesWithTheOracle() throws IOException {
        // bce.csv (src/test/oracle/08-training-deep-nets.py) holds ∂loss/∂z = σ(z) for label 0 and −σ(−z) for
        // label 1, each rounded to the nearest double: σ(z) directly, and σ′(z) = σ(z)·(1 − σ(z)) = σ(z)·σ(−z)
        // as a product of two of them (within 2 roundings, no cancellation).
        Map<Double, double[]> sigmoids = new TreeMap<>(); // z → {σ(z), σ(−z)}
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                ActivationTest.class.getResourceAsStream("/oracle/08-training-deep-nets/bce.csv"), StandardCharsets.UTF_8))) {
            reader.readLine();
            reader.readLine();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                String[] cells = line.split(",");
                double z = Double.parseDouble(cells[0]);
                double gradient = Double.parseDouble(cells[3]);
                double[] pair = sigmoids.computeIfAbsent(z, key -> new double[2]);
                if (Double.parseDouble(cells[1]) == 0) {
                    pair[0] = gradient;
                } else {
                    pair[1] = -gradient;
                }
            }
        }
        assertThat(sigmoids).as("the oracle's logits").hasSizeGreaterThan(10);
        for (Map.Entry<Double, double[]> entry : sigmoids.entrySet()) {
            double z = entry.getKey();
            double sigma = entry.getValue()[0];
            double slope = sigma * entry.getValue()[1];
            assertClose(Activation.SIGMOID.value(z), sigma, TOLERANCE, "σ(" + z + ")",
                    "σ(z) = 1/(1 + e^−z), computed from e^−|z| ≤ 1 so that e^1000 never overflows.");
            assertClose(Activation.SIGMOID.slope(z), slope, TOLERANCE, "σ′(" + z + ")",
                    "σ′(z) = e^−|z|/(1 + e^−|z|)²: σ·(1 − σ) rounds to 0 once σ rounds to 1 (lesson 03), the tails do not.");
            double[] value = {99};
            double[] slopes = {99};
            Activation.SIGMOID.activate(new double[] {z}, value, slopes);
            assertClose(value[0], sigma, TOLERANCE, "activate's value at z = " + z, "activate writes value(z) for every entry.");
            assertClose(slopes[0], slope, TOLERANCE, "activate's slope at z = " + z, "activate writes slope(z) for every entry.");
        }
    }

    @Order(2)
    @ParameterizedTest(name = "z = {0}: ReLU {1}, slope {2}")
    @CsvSource({
        "-2,        0,        0",
        "-1e-300,   0,        0",
        "-0.0,      0,        0",
        "0,         0,        0",   // the slope at the kink is 0, as PyTorch has it
        "1e-300,    1e-300,   1",
        "3,         3,        1",
        "Infinity,  Infinity, 1"})
    @DisplayName("ReLU is max(z, 0), with slope 1 above 0 and 0 at and below it")
    void relu(double z, double expected, double expectedSlope) {
        String why = "ReLU(z) = max(z, 0) passes a positive z unchanged (slope 1) and stops the rest (slope 0, also at z = 0).";
        assertExactly(Activation.RELU.value(z), expected, "ReLU(" + z + ")", why);
        assertExactly(Activation.RELU.slope(z), expectedSlope, "ReLU′(" + z + ")", why);
        double[] value = {99, 99};
        double[] slopes = {99, 99};
        Activation.RELU.activate(new double[] {z, z}, value, slopes);
        if (expected == 0) {
            // max(z, 0) is +0.0 also at z = −0.0 (Math.max(−0.0, 0.0) = 0.0): 1/ReLU(z) is +∞, never −∞.
            assertExactly(1 / Activation.RELU.value(z), Double.POSITIVE_INFINITY, "1/ReLU(" + z + ")",
                    "ReLU stops every z ≤ 0 at +0.0, the 0 of max(z, 0), not at the z it was given (−0.0 for z = −0.0).");
            assertExactly(1 / value[0], Double.POSITIVE_INFINITY, "1/(activate's value at z = " + z + ")",
                    "activate stops every z ≤ 0 at +0.0, as value does.");
        }
        for (int j = 0; j < 2; j++) {
            assertExactly(value[j], expected, "activate's value, entry " + j + ", at z = " + z, why);
            assertExactly(slopes[j], expectedSlope, "activate's slope, entry " + j + ", at z = " + z, why);
        }
    }
}
