package gradientkata.training;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The four runs of the lesson, on the configuration: two spirals of 256 points, 2 inputs,
 * 16 hidden layers of width 16, one logit, full-batch SGD with learning rate 0.05. Each seed s
 * draws the data from Well19937c(s) and the weights from Well19937c(1000 + s). The step budgets
 * are far below the experiment's 2000, so the checks stay fast; every bound says what was
 * measured and how much room it leaves. Outcomes with margins, never exact trajectories. The two
 * nets that fail do so in a few steps and are checked on three seeds; the two that learn need
 * hundreds of steps (the costliest checks of the kata, over a second each in the grader's JVM)
 * and are checked on one seed each, the one with the most room of those measured.
 */
@DisplayName("Lesson 08 · Training deep nets: four nets, four outcomes")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TrainingOutcomesTest {

    private static final int POINTS = 256;
    private static final int WIDTH = 16;
    private static final int DEPTH = 16;
    private static final double RATE = 0.05;
    private static final double LN2 = Math.log(2);

    @Order(1)
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3"})
    @DisplayName("sigmoid with naive init stalls at a loss of ln 2, its first layer's gradient 1e-8 times its last's or less")
    void sigmoidStalls(long seed) {
        // Measured on seeds 1–5: first/last ratio 5e-13 to 1.3e-11 at the start; the loss starts 0.007 to 0.14
        // above ln 2 and is within 0.0002 of it after 50 steps (0.69315 after 100). Bounds: the ratio below
        // 1e-8 (1000× room), the loss within 0.005 of ln 2 after 50 steps.
        Run run = Run.of(Activation.SIGMOID, false, Initialization.NAIVE, seed);
        run.network.computeGradients(run.points, run.labels);
        double[] norms = run.network.layerGradientNorms();
        assertThat(norms).as("the per-layer gradient norms").isNotNull().hasSize(DEPTH + 2);
        double ratio = norms[0] / norms[DEPTH + 1];
        assertThat(ratio)
                .withFailMessage("‖∂ℓ/∂W‖ of the first layer ÷ that of the last should be below 1e-8 in a 16-layer sigmoid net, "
                        + "but it is %s (first %s, last %s). Each sigmoid layer multiplies the gradient by σ′ ≤ 1/4 times "
                        + "a weight matrix of size about 1: sixteen of them leave almost nothing.", ratio, norms[0], norms[DEPTH + 1])
                .isPositive().isLessThan(1e-8);
        double[] losses = run.network.train(run.points, run.labels, RATE, 50);
        double last = losses[losses.length - 1];
        assertThat(Math.abs(last - LN2))
                .withFailMessage("After 50 steps the loss should sit at ln 2 = %s (within 0.005), but it is %s. The last layer "
                        + "learns only the average label: with every point predicted 1/2, the loss is exactly ln 2.", LN2, last)
                .isLessThan(0.005);
    }

    @Order(2)
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1"})
    @DisplayName("ReLU with He init learns: its first layer hears the loss, and within 200 steps the loss falls below 0.5")
    void reluWithHeLearns(long seed) {
        // Measured on seeds 1–8: first/last gradient ratio 0.14 to 4.1 at the start (the sigmoid net's is 1e-12);
        // the lowest loss within 200 steps is 0.37, 0.40, 0.41 for seeds 1, 6, 7 (0.37 to 0.67 on seeds 2–5 and 8–10). Plain ReLU at
        // this depth and rate is bumpy: the loss jumps back up now and then (seed 1 ends at 2e-4 after 2000
        // steps, with a few bumps on the way), and on some seeds (5, 8) it hardly moves in 800 steps. So the
        // check asks for the lowest loss, not the last one. Bounds: the ratio above 0.01, the lowest loss
        // within 200 steps below 0.5.
        Run run = Run.of(Activation.RELU, false, Initialization.HE, seed);
        run.network.computeGradients(run.points, run.labels);
        double[] norms = run.network.layerGradientNorms();
        assertThat(norms).as("the per-layer gradient norms").isNotNull().hasSize(DEPTH + 2);
        double ratio = norms[0] / norms[DEPTH + 1];
        assertThat(ratio)
                .withFailMessage("‖∂ℓ/∂W‖ of the first layer ÷ that of the last should be above 0.01 with ReLU and He init, "
                        + "but it is %s. ReLU′ is 1 where a unit is on, and He's √(2/fan_in) makes up for the half that is off: "
                        + "each layer passes the gradient on at about its size.", ratio)
                .isGreaterThan(0.01);
        double[] losses = run.network.train(run.points, run.labels, RATE, 200);
        assertThat(losses).as("the losses of 200 steps").isNotNull().hasSize(200);
        double lowest = Double.POSITIVE_INFINITY;
        for (double loss : losses) {
            lowest = Math.min(lowest, loss);
        }
        assertThat(lowest)
                .withFailMessage("Within 200 steps the loss should fall below 0.5 (from about ln 2 = 0.69, where the sigmoid "
                        + "net stays), but the lowest was %s.", lowest)
                .isLessThan(0.5);
    }

    @Order(3)
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"1", "2", "3"})
    @DisplayName("residual blocks with plain He init blow up: the loss starts above 35 and explodes within 10 steps")
    void residualWithoutScalingBlowsUp(long seed) {
        // Measured on seeds 1–5: initial loss 175 to 1830 (logits in the hundreds: each block roughly doubles the
        // variance, 2¹⁶ in all); the second loss is 4e10 to 7e14. Bounds: above 35 = 50·ln 2 at the start, and
        // a loss above 1e6 or not finite within 10 steps.
        Run run = Run.of(Activation.RELU, true, Initialization.HE, seed);
        double[] losses = run.network.train(run.points, run.labels, RATE, 10);
        assertThat(losses).as("the losses of 10 steps").isNotNull().hasSize(10);
        assertThat(losses[0])
                .withFailMessage("The first loss should be above 35 (50·ln 2), but it is %s: every block h ← h + relu(h·W + b) "
                        + "with He init adds as much variance as h already has, so sixteen blocks multiply it by about 2¹⁶ "
                        + "and the logits come out in the hundreds.", losses[0])
                .isGreaterThan(35.0);
        boolean exploded = false;
        for (double loss : losses) {
            exploded |= !(loss <= 1e6);
        }
        assertThat(exploded)
                .withFailMessage("Within 10 steps a loss should exceed 1e6 or stop being a number, but the losses were %s. "
                        + "Huge logits give huge gradients, and one step of SGD with them throws the weights far away.",
                        java.util.Arrays.toString(losses))
                .isTrue();
    }

    @Order(4)
    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"6"})
    @DisplayName("residual blocks with branches scaled by 1/√depth train: loss below 0.2 and 90% right within 300 steps")
    void scaledResidualTrains(long seed) {
        // Measured on seeds 1–10: loss after 300 steps 0.033 and accuracy 0.996 for seed 6; 0.069, 0.056, 0.030 for
        // seeds 2, 4, 8; seeds 1, 3, 5, 7 and 10 are slower (0.23 to 0.55 at step 300, below 0.02 from step 500 on
        // for seeds 1 and 3). Bounds: 0.2 and 0.9.
        Run run = Run.of(Activation.RELU, true, Initialization.HE_SCALED, seed);
        run.assertTrains(300, 0.2, 0.9, "The residual net with branches scaled by 1/√depth");
    }

    /** A net of the lesson's configuration and its data, built in the test (the data from the formula, not from TwoSpirals). */
    private record Run(Network network, double[][] points, double[] labels) {

        static Run of(Activation activation, boolean residual, Initialization initialization, long seed) {
            RandomGenerator random = new Well19937c(seed);
            double[][] points = new double[POINTS][];
            double[] labels = new double[POINTS];
            for (int s = 0; s < POINTS; s++) {
                int label = s % 2;
                double t = 3 * Math.PI * random.nextDouble();
                double r = t / (3 * Math.PI);
                points[s] = new double[] {r * Math.cos(t + Math.PI * label), r * Math.sin(t + Math.PI * label)};
                labels[s] = label;
            }
            Network network = new Network(2, WIDTH, DEPTH, activation, residual, initialization, new Well19937c(1000 + seed));
            return new Run(network, points, labels);
        }

        void assertTrains(int steps, double maxLoss, double minAccuracy, String what) {
            double[] losses = network.train(points, labels, RATE, steps);
            assertThat(losses).as("the losses of %d steps", steps).isNotNull().hasSize(steps);
            double last = network.computeGradients(points, labels);
            assertThat(last)
                    .withFailMessage("%s should reach a loss below %s within %d steps (from about ln 2 = 0.69), but it is %s. "
                            + "Its gradient reaches every layer, so every layer learns.", what, maxLoss, steps, last)
                    .isLessThan(maxLoss);
            double accuracy = network.accuracy(points, labels);
            assertThat(accuracy)
                    .withFailMessage("%s should classify at least %s of the points right after %d steps, but gets %s.",
                            what, minAccuracy, steps, accuracy)
                    .isGreaterThanOrEqualTo(minAccuracy);
        }
    }
}
