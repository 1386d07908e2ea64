package gradientkata.training;

import static gradientkata.support.Expect.assertClose;
import static gradientkata.support.Expect.assertExactly;
import static gradientkata.support.Expect.assertRejected;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.function.DoubleUnaryOperator;
import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.commons.math3.random.RandomGenerator;
import org.apache.commons.math3.random.Well19937c;
import org.junit.jupiter.api.ClassOrderer;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestClassOrder;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@DisplayName("Lesson 08 · Training deep nets: the whole network, forward, backward and one step")
@TestClassOrder(ClassOrderer.OrderAnnotation.class)
class NetworkTest {

    /** Forward passes in two loop orders agree to a few roundings. */
    private static final double TOLERANCE = 1e-12;

    @Nested
    @Order(1)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Forward and backward through a small net")
    class ForwardAndBackward {

        @Order(1)
        @ParameterizedTest(name = "{0}, residual {1}, {2}, seed {3}")
        @CsvSource({
            "SIGMOID, false, NAIVE,     1",
            "RELU,    false, HE,        2",
            "RELU,    true,  HE,        3",
            "SIGMOID, true,  HE_SCALED, 4"})
        @DisplayName("the logits agree with the same net written out in the test")
        void forwardAgrees(Activation activation, boolean residual, Initialization initialization, long seed) {
            Small net = Small.of(activation, residual, initialization, seed);
            double[] logits = net.network.forward(net.batch);
            double[] expected = net.logits(net.weights(), net.biases());
            assertThat(logits).as("one logit per sample").isNotNull().hasSize(expected.length);
            for (int s = 0; s < expected.length; s++) {
                assertClose(logits[s], expected[s], TOLERANCE, "the logit of sample " + s,
                        "Each hidden layer computes act(W·h + b), plus h itself in a residual block (layers 1 … depth); "
                                + "the last layer gives the logit without an activation.");
            }
            // The same net on a smaller batch (its first 2 samples): what the passes keep must follow the batch size.
            double[] two = net.network.forward(new double[][] {net.batch[0], net.batch[1]});
            assertThat(two).as("the logits of a batch of 2 after a batch of 5").isNotNull().hasSize(2);
            for (int s = 0; s < 2; s++) {
                assertClose(two[s], expected[s], TOLERANCE, "the logit of sample " + s + " in a batch of 2 after a batch of 5",
                        "A net sees batches of different sizes (a training set, then a test set): every sample's logit "
                                + "depends on that sample alone.");
            }
            // And a backward pass on that smaller batch: its loss is the mean over its own 2 samples.
            double smallLoss = net.network.computeGradients(new double[][] {net.batch[0], net.batch[1]}, new double[] {0, 1});
            double expectedLoss = (Math.log1p(Math.exp(expected[0])) + Math.log1p(Math.exp(-expected[1]))) / 2;
            assertClose(smallLoss, expectedLoss, TOLERANCE, "the loss of a batch of 2 after a batch of 5",
                    "The buffers the passes keep are sized for the batch at hand, so the loss and its gradient cover "
                            + "exactly the samples given.");
        }

        @Order(2)
        @ParameterizedTest(name = "{0}, residual {1}, {2}, seed {3}")
        @CsvSource({
            "SIGMOID, false, NAIVE,     1",
            "RELU,    false, HE,        2",
            "RELU,    true,  HE,        3",
            "SIGMOID, true,  HE_SCALED, 4"})
        @DisplayName("every weight's and bias's gradient agrees with central differences of the loss")
        void gradientCheck(Activation activation, boolean residual, Initialization initialization, long seed) {
            Small net = Small.of(activation, residual, initialization, seed);
            double[][][] w = net.weights();
            double[][] b = net.biases();
            double loss = net.network.computeGradients(net.batch, net.labels);
            assertClose(loss, net.loss(w, b), TOLERANCE, "the loss returned by computeGradients",
                    "computeGradients returns the mean cross-entropy of the batch, before any step.");
            // (ℓ(θ + h) − ℓ(θ − h)) / 2h has an error of about h²·ℓ‴ ≈ 1e−10 plus rounding ε·ℓ/h ≈ 1e−11: a
            // relative error ‖g − ĝ‖/(‖g‖ + ‖ĝ‖) below 1e−6 per layer leaves a wide margin, while a wrong term
            // (a missing identity path, a bias gradient from one sample) gives errors of 1e−2 and more.
            double h = 1e-5;
            for (int l = 0; l < w.length; l++) {
                RealMatrix dw = net.network.weightGradient(l);
                RealVector db = net.network.biasGradient(l);
                double difference = 0;
                double size = 0;
                for (int j = 0; j < w[l].length; j++) {
                    for (int k = 0; k < w[l][j].length; k++) {
                        double keep = w[l][j][k];
                        w[l][j][k] = keep + h;
                        double up = net.loss(w, b);
                        w[l][j][k] = keep - h;
                        double down = net.loss(w, b);
                        w[l][j][k] = keep;
                        double numeric = (up - down) / (2 * h);
                        difference += square(dw.getEntry(j, k) - numeric);
                        size += square(numeric);
                    }
                }
                for (int j = 0; j < b[l].length; j++) {
                    double keep = b[l][j];
                    b[l][j] = keep + h;
                    double up = net.loss(w, b);
                    b[l][j] = keep - h;
                    double down = net.loss(w, b);
                    b[l][j] = keep;
                    double numeric = (up - down) / (2 * h);
                    difference += square(db.getEntry(j) - numeric);
                    size += square(numeric);
                }
                double relativeError = Math.sqrt(difference) / (Math.sqrt(size) + Math.sqrt(size + difference));
                assertThat(Math.sqrt(size)).as("the size of layer %d's numerical gradient", l).isPositive();
                assertThat(relativeError)
                        .withFailMessage("Layer %d of %d (%s, residual %s): the backward pass's gradient differs from central "
                                + "differences by a relative %s (expected below 1e-6). Go back from the loss: ∂ℓ/∂Z = ∂ℓ/∂H ⊙ act′(Z); "
                                + "Dense.backward gives the layer's gradients and ∂ℓ/∂H below; a residual block adds its own "
                                + "∂ℓ/∂H once more for the identity path.", l, w.length - 1, activation, residual, relativeError)
                        .isLessThan(1e-6);
            }
        }

        @Order(3)
        @Test
        @DisplayName("one SGD step moves every weight and bias by −rate × its gradient")
        void stepFollowsTheGradient() {
            Small net = Small.of(Activation.RELU, true, Initialization.HE, 5);
            double[][][] before = net.weights();
            double[][] biasesBefore = net.biases();
            double loss = net.network.computeGradients(net.batch, net.labels);
            assertClose(loss, net.loss(before, biasesBefore), TOLERANCE, "the loss before the step",
                    "computeGradients returns the batch's mean cross-entropy.");
            double rate = 0.015625; // 2⁻⁶: small enough that the step must lower the loss
            RealMatrix[] dw = new RealMatrix[before.length];
            RealVector[] db = new RealVector[before.length];
            for (int l = 0; l < before.length; l++) {
                dw[l] = net.network.weightGradient(l);
                db[l] = net.network.biasGradient(l);
            }
            net.network.step(rate);
            for (int l = 0; l < before.length; l++) {
                RealMatrix after = net.network.weights(l);
                for (int k = 0; k < before[l].length; k++) {
                    for (int j = 0; j < before[l][k].length; j++) {
                        double expected = before[l][k][j] - rate * dw[l].getEntry(k, j);
                        assertThat(after.getEntry(k, j))
                                .withFailMessage("weight (%d, %d) of layer %d should be %s − 2⁻⁶ × %s = %s after the step, but is %s. "
                                        + "Gradient descent moves against the gradient: W ← W − rate·∂ℓ/∂W.",
                                        k, j, l, before[l][k][j], dw[l].getEntry(k, j), expected, after.getEntry(k, j))
                                .isEqualTo(expected);
                    }
                }
                for (int j = 0; j < biasesBefore[l].length; j++) {
                    double expected = biasesBefore[l][j] - rate * db[l].getEntry(j);
                    assertThat(net.network.biases(l).getEntry(j))
                            .withFailMessage("bias %d of layer %d should be %s after the step: b ← b − rate·∂ℓ/∂b", j, l, expected)
                            .isEqualTo(expected);
                }
            }
            assertThat(net.loss(net.weights(), net.biases()))
                    .withFailMessage("A small step against the gradient should lower the loss of this small net (it was %s).", loss)
                    .isLessThan(loss);
        }

        @Order(4)
        @Test
        @DisplayName("the per-layer gradient norms are the Frobenius norms of ∂ℓ/∂W, without overflow past 1e154")
        void layerGradientNorms() {
            // Weights scaled by 1e60 make ∂ℓ/∂W of the first layer about 1e180 (three scaled layers above it):
            // its entries' squares overflow (1e360 > 1.8e308) although the norm itself is an ordinary double.
            // A ReLU net is positively homogeneous, so the logits (about 1e240) stay finite.
            for (double scale : new double[] {1.0, 1e60}) {
                Small net = Small.of(Activation.RELU, false, Initialization.HE, 6);
                for (int l = 0; l < 4 && scale != 1.0; l++) {
                    net.network.setWeights(l, net.network.weights(l).scalarMultiply(scale));
                }
                net.network.computeGradients(net.batch, net.labels);
                double[] norms = net.network.layerGradientNorms();
                assertThat(norms).as("one norm per layer, first layer first").isNotNull().hasSize(4);
                for (int l = 0; l < 4; l++) {
                    double expected = frobenius(net.network.weightGradient(l));
                    assertClose(norms[l], expected, 1e-14, "‖∂ℓ/∂W‖ of layer " + l + " with weights scaled by " + scale,
                            "The Frobenius norm √(Σ entries²) of the layer's weight gradient. Divide by the largest |entry| "
                                    + "before squaring and multiply back after: squares of 1e180 overflow to Infinity.");
                }
            }
        }
    }

    @Nested
    @Order(2)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Bad input gets a clear error, not a wrong number")
    class BadInput {

        @Order(1)
        @Test
        @DisplayName("a batch with the wrong number of inputs, labels that do not fit, and a learning rate that is not positive are rejected")
        void rejects() {
            Small net = Small.of(Activation.RELU, false, Initialization.HE, 7);
            assertRejected(() -> net.network.forward(new double[][] {{1, 2, 3}}), "a sample with 3 inputs for a 2-input net");
            assertRejected(() -> net.network.forward(new double[0][]), "an empty batch");
            assertRejected(() -> net.network.forward(new double[][] {{1, 2}, null}), "a batch with a missing sample");
            assertRejected(() -> net.network.computeGradients(net.batch, new double[] {1, 0}), "2 labels for 5 samples");
            assertRejected(() -> net.network.computeGradients(net.batch, new double[] {1, 0, 0.5, 1, 0}), "a label of 0.5");
            assertRejected(() -> net.network.step(0), "a learning rate of 0");
            assertRejected(() -> net.network.step(Double.NaN), "a NaN learning rate");
            assertRejected(() -> net.network.step(Double.POSITIVE_INFINITY), "an infinite learning rate");
            assertRejected(() -> net.network.train(net.batch, net.labels, 0.015625, -1), "a negative number of steps");
            assertRejected(() -> net.network.accuracy(net.batch, null), "no labels for accuracy");
            assertRejected(() -> net.network.accuracy(net.batch, new double[] {1, 0}), "2 labels for 5 samples in accuracy");
        }

        @Order(2)
        @Test
        @DisplayName("sizes below 1 and missing parts are rejected; 1 input, width 1, depth 1 is the smallest net")
        void sizes() {
            Network smallest = new Network(1, 1, 1, Activation.RELU, true, Initialization.HE, new Well19937c(8));
            assertThat(smallest.layers()).as("the layers of a net of depth 1: first, one hidden, last").isEqualTo(3);
            for (int l = 0; l < 3; l++) {
                assertThat(smallest.weights(l).getRowDimension() * smallest.weights(l).getColumnDimension())
                        .as("the number of weights of layer %d in a 1-1-1 net", l).isEqualTo(1);
            }
            assertRejected(() -> new Network(0, 1, 1, Activation.RELU, false, Initialization.HE, new Well19937c(8)), "0 inputs");
            assertRejected(() -> new Network(1, 0, 1, Activation.RELU, false, Initialization.HE, new Well19937c(8)), "width 0");
            assertRejected(() -> new Network(1, 1, 0, Activation.RELU, false, Initialization.HE, new Well19937c(8)), "depth 0");
            assertRejected(() -> new Network(1, 1, 1, null, false, Initialization.HE, new Well19937c(8)), "no activation");
            assertRejected(() -> new Network(1, 1, 1, Activation.RELU, false, null, new Well19937c(8)), "no initialization");
            assertRejected(() -> new Network(1, 1, 1, Activation.RELU, false, Initialization.HE, null), "no random generator");
        }

        @Order(3)
        @Test
        @DisplayName("layers are numbered 0 … depth + 1: −1 and depth + 2 do not exist, and a weight matrix must fit its layer")
        void layerNumbers() {
            Small net = Small.of(Activation.RELU, false, Initialization.HE, 9);
            int layers = net.network.layers();
            assertThat(layers).as("the layers of a net of depth 2").isEqualTo(4);
            for (int layer : new int[] {-1, layers}) {
                assertRejected(() -> net.network.weights(layer), "the weights of layer " + layer);
                assertRejected(() -> net.network.biases(layer), "the biases of layer " + layer);
                assertRejected(() -> net.network.weightGradient(layer), "the weight gradient of layer " + layer);
                assertRejected(() -> net.network.biasGradient(layer), "the bias gradient of layer " + layer);
                assertRejected(() -> net.network.setWeights(layer, MatrixUtils.createRealMatrix(3, 3)), "new weights for layer " + layer);
            }
            String message = catchThrowable(() -> net.network.weights(layers)).getMessage();
            assertThat(message).withFailMessage("The error for layer %d should name the layers that exist, 0 to %d, but it says: %s",
                    layers, layers - 1, message).contains("0 to " + (layers - 1));
            assertRejected(() -> net.network.setWeights(1, null), "no weights");
            assertRejected(() -> net.network.setWeights(1, MatrixUtils.createRealMatrix(2, 3)), "2 × 3 weights for a 3 × 3 layer");
            assertRejected(() -> net.network.setWeights(1, MatrixUtils.createRealMatrix(3, 2)), "3 × 2 weights for a 3 × 3 layer");
            assertThat(net.network.weights(layers - 1).getRowDimension()).as("the rows of the last layer (one logit)").isEqualTo(1);
            assertThat(net.network.biasGradient(0).getDimension()).as("the bias gradient of layer 0 (width 3)").isEqualTo(3);
            assertThat(net.network.biasGradient(layers - 1).getDimension()).as("the bias gradient of the last layer").isEqualTo(1);
        }
    }

    @Nested
    @Order(3)
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    @DisplayName("Training and accuracy, at their edges")
    class TrainAndAccuracy {

        @Order(1)
        @Test
        @DisplayName("train for 0 steps returns no losses and leaves the weights; for 2 steps it returns the loss before each step")
        void train() {
            Small net = Small.of(Activation.SIGMOID, true, Initialization.HE_SCALED, 10);
            double[][][] before = net.weights();
            double[][] biasesBefore = net.biases();
            assertThat(net.network.train(net.batch, net.labels, 0.015625, 0)).as("the losses of 0 steps").isNotNull().isEmpty();
            assertThat(net.weights()[0]).as("layer 0's weights after 0 steps").isDeepEqualTo(before[0]);
            double[] losses = net.network.train(net.batch, net.labels, 0.015625, 2);
            assertThat(losses).as("the losses of 2 steps").isNotNull().hasSize(2);
            assertClose(losses[0], net.loss(before, biasesBefore), TOLERANCE, "the first loss of train",
                    "train returns the loss of each step before that step's update: the first is the initial net's.");
            double[][][] after = net.weights();
            assertThat(net.loss(after, net.biases()))
                    .withFailMessage("Two small steps against the gradient should lower the loss (from %s), but it is %s now. "
                            + "train calls computeGradients, then step, once per step.", losses[0], net.loss(after, net.biases()))
                    .isLessThan(losses[1]).isLessThan(losses[0]);
        }

        @Order(2)
        @ParameterizedTest(name = "labels {0}: accuracy {1}")
        @CsvSource({
            "'0, 1, 0, 1, 0', 0.6",
            "'0, 0, 0, 0, 0', 1.0",
            "'1, 1, 1, 1, 1', 0.0"})
        @DisplayName("a logit of exactly 0 (last layer's weights all 0) means label 0: only a logit above 0 means 1")
        void accuracyAtALogitOfZero(String labelList, double expected) {
            Small net = Small.of(Activation.RELU, false, Initialization.HE, 11);
            int last = net.network.layers() - 1;
            net.network.setWeights(last, MatrixUtils.createRealMatrix(1, 3));
            double[] labels = java.util.Arrays.stream(labelList.split(",")).map(String::trim).mapToDouble(Double::parseDouble).toArray();
            assertExactly(net.network.accuracy(net.batch, labels), expected, "the accuracy of a net whose every logit is 0",
                    "The last layer's weights and bias are 0, so every logit is 0: σ(0) = 1/2 is not above 1/2, and a "
                            + "logit of 0 counts as label 0. Accuracy is the fraction right, (right answers)/(samples).");
        }
    }

    // ---- an independent net, written out here so that no expectation comes from the code under test ----

    private static double square(double x) {
        return x * x;
    }

    /** √(Σ entries²), scaled first so that nothing overflows. */
    private static double frobenius(RealMatrix m) {
        double largest = m.getNorm(); // the maximum absolute column sum: at least every |entry|
        return largest == 0 ? 0 : m.scalarMultiply(1 / largest).getFrobeniusNorm() * largest;
    }

    /** A net with 2 inputs, width 3, depth 2 (four layers), and a batch of 5 random points with labels. */
    private record Small(Network network, double[][] batch, double[] labels, DoubleUnaryOperator activation, boolean residual) {

        static Small of(Activation activation, boolean residual, Initialization initialization, long seed) {
            Network network = new Network(2, 3, 2, activation, residual, initialization, new Well19937c(seed));
            RandomGenerator random = new Well19937c(seed + 100);
            double[][] batch = new double[5][2];
            double[] labels = new double[5];
            for (int s = 0; s < 5; s++) {
                batch[s][0] = 2 * random.nextDouble() - 1;
                batch[s][1] = 2 * random.nextDouble() - 1;
                labels[s] = s % 2;
            }
            DoubleUnaryOperator f = activation == Activation.SIGMOID ? z -> 1 / (1 + Math.exp(-z)) : z -> Math.max(z, 0);
            return new Small(network, batch, labels, f, residual);
        }

        double[][][] weights() {
            double[][][] w = new double[network.layers()][][];
            for (int l = 0; l < w.length; l++) {
                w[l] = network.weights(l).getData();
            }
            return w;
        }

        double[][] biases() {
            double[][] b = new double[network.layers()][];
            for (int l = 0; l < b.length; l++) {
                b[l] = network.biases(l).toArray();
            }
            return b;
        }

        /** The logits, sample by sample: h ← act(W·h + b) (plus h on layers 1 … depth of a residual net), then W·h + b. */
        double[] logits(double[][][] w, double[][] b) {
            double[] logits = new double[batch.length];
            int last = w.length - 1;
            for (int s = 0; s < batch.length; s++) {
                double[] h = batch[s];
                for (int l = 0; l <= last; l++) {
                    double[] z = new double[b[l].length];
                    for (int j = 0; j < z.length; j++) {
                        z[j] = b[l][j];
                        for (int k = 0; k < h.length; k++) {
                            z[j] += w[l][j][k] * h[k];
                        }
                    }
                    if (l == last) {
                        logits[s] = z[0];
                    } else {
                        double[] next = new double[z.length];
                        for (int j = 0; j < z.length; j++) {
                            next[j] = activation.applyAsDouble(z[j]) + (residual && l >= 1 ? h[j] : 0);
                        }
                        h = next;
                    }
                }
            }
            return logits;
        }

        /** The mean cross-entropy, −log σ(z) = log(1 + e^−z) for label 1 and log(1 + e^z) for label 0. */
        double loss(double[][][] w, double[][] b) {
            double[] z = logits(w, b);
            double sum = 0;
            for (int s = 0; s < z.length; s++) {
                sum += Math.log1p(Math.exp(labels[s] == 1 ? -z[s] : z[s]));
            }
            return sum / z.length;
        }
    }
}
