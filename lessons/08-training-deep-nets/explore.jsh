///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
// Lesson 08 experiment: four deep nets on two spirals, their losses and their per-layer gradient norms.
// From the kata's root: ./jbang lessons/08-training-deep-nets/explore.jsh [--reference]

Notebook.use("08-training-deep-nets", args);   // compiles your classes (with --reference, the reference ones)
import gradientkata.training.*;
import java.nio.file.*;
import java.util.*;
import org.apache.commons.math3.random.Well19937c;
import org.jfree.data.xy.XYSeries;

int status = 1;                                // stays 1 unless the experiment runs to its end
try {
    int steps = 2000, width = 16, depth = 16;
    long seed = 1;
    double rate = 0.05;
    TwoSpirals data = TwoSpirals.generate(256, new Well19937c(seed));
    String[] names = {"sigmoid, naive init", "ReLU, He init", "residual, He init", "residual, He / √depth"};
    Activation[] activations = {Activation.SIGMOID, Activation.RELU, Activation.RELU, Activation.RELU};
    boolean[] residual = {false, false, true, true};
    Initialization[] inits = {Initialization.NAIVE, Initialization.HE, Initialization.HE, Initialization.HE_SCALED};

    System.out.printf("Two spirals (256 points, seed %d), 2 → %d, %d × (%d → %d), %d → 1, full-batch SGD at %s, up to %d steps%n%n",
            seed, width, depth, width, width, width, rate, steps);
    System.out.printf("%-24s%12s%12s%10s%16s%10s%n", "net", "first loss", "last loss", "accuracy", "‖∂W₀‖/‖∂W₁₇‖", "seconds");
    List<XYSeries> lossLines = new ArrayList<>(), firstLayerLines = new ArrayList<>(), layerLines = new ArrayList<>();
    double[][] startNorms = new double[4][];
    for (int run = 0; run < 4; run++) {
        Network net = new Network(2, width, depth, activations[run], residual[run], inits[run], new Well19937c(1000 + seed));
        XYSeries loss = new XYSeries(names[run]), firstLayer = new XYSeries(names[run]);
        long start = System.nanoTime();
        double first = Double.NaN, last = Double.NaN;
        String end = "";
        for (int t = 0; t < steps; t++) {
            double l = net.computeGradients(data.points(), data.labels());
            double[] norms = net.layerGradientNorms();
            if (t == 0) { first = l; startNorms[run] = norms; }
            if (!Double.isFinite(l)) { end = " (blew up: loss " + l + " at step " + t + ")"; last = l; break; }
            last = l;
            if (t < 20 || t % 5 == 0 || t == steps - 1) {
                loss.add(t, l);
                if (norms[0] > 0 && Double.isFinite(norms[0])) firstLayer.add(t, norms[0]);
            }
            net.step(rate);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double accuracy = Double.isFinite(last) ? net.accuracy(data.points(), data.labels()) : Double.NaN;
        System.out.printf("%-24s%12.4g%12.4g%10.3f%16.3g%10.2f%s%n", names[run], first, last, accuracy,
                startNorms[run][0] / startNorms[run][depth + 1], seconds, end);
        lossLines.add(loss);
        firstLayerLines.add(firstLayer);
        XYSeries layers = new XYSeries(names[run]);
        for (int l = 0; l < startNorms[run].length; l++) layers.add(l, startNorms[run][l]);
        layerLines.add(layers);
    }

    System.out.printf("%nThe gradient norm ‖∂ℓ/∂W‖ of every layer before the first step (layer 0 takes the input, 17 gives the logit)%n");
    System.out.printf("%-7s", "layer");
    for (String name : names) System.out.printf("%24s", name);
    System.out.println();
    for (int l = 0; l < depth + 2; l++) {
        System.out.printf("%-7d", l);
        for (int run = 0; run < 4; run++) System.out.printf("%24.3e", startNorms[run][l]);
        System.out.println();
    }

    boolean figure = Arrays.asList(args).contains("--figure");
    var lossChart = Notebook.logY(Notebook.lines("Loss of four 18-layer nets on two spirals (learning rate 0.05)",
            "step", "mean cross-entropy", lossLines));
    lossChart.getXYPlot().getRangeAxis().setRange(1e-4, 1e4);   // the exploding net leaves through the top
    Notebook.save(lossChart);
    String[][] more = {{"gradients", "Gradient norm of every layer before training"},
                       {"first-layer", "The first layer's gradient norm during training"}};
    List<List<XYSeries>> lines = List.of(layerLines, firstLayerLines);
    String[] xLabels = {"layer (0 = input side)", "step"};
    String[] yLabels = {"‖∂ℓ/∂W‖", "‖∂ℓ/∂W₀‖"};
    for (int c = 0; c < 2; c++) {
        Path file = Notebook.save(Notebook.logY(Notebook.lines(more[c][1], xLabels[c], yLabels[c], lines.get(c))),
                "08-training-deep-nets-" + more[c][0]);
        if (figure) {
            Path target = Path.of("lessons", "08-training-deep-nets", more[c][0] + ".png");
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("Figure: " + target);
        }
    }
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
