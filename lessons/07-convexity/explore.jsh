///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 07 experiment: the loss along a segment, a bump for a net with one hidden layer, a bowl for logistic regression.
// From the kata's root: ./jbang lessons/07-convexity/explore.jsh [--reference]

Notebook.use("07-convexity", args);   // compiles your classes (with --reference, the reference ones)
import gradientkata.convexity.*;
import java.util.*;
import org.apache.commons.math3.linear.*;
import org.apache.commons.math3.random.*;
import org.jfree.data.xy.XYSeries;

int status = 1;                          // stays 1 unless the experiment runs to its end
try {
    // XOR on ten points: the corners and four points near them, plus two points at the origin with opposite labels,
    // so no parameter vector can do better than ln 2 / 5 = 0.1386 (the two at the origin always get the same p).
    RealMatrix x = MatrixUtils.createRealMatrix(new double[][] {{1, 1}, {1, -1}, {-1, 1}, {-1, -1}, {0.5, 1}, {-1, 0.5},
            {1, -0.5}, {-0.5, -1}, {0, 0}, {0, 0}});
    RealVector y = new ArrayRealVector(new double[] {1, 0, 0, 1, 1, 0, 0, 1, 0, 1});
    double floor = Math.log(2) / 5;

    // 1. Many starts: plain gradient descent (rate 1, 500 steps) from twenty seeded starts, N(0, 1) entries.
    System.out.printf("Gradient descent from 20 starts, 500 steps of rate 1; no θ can go below ln 2 / 5 = %.4f%n", floor);
    System.out.printf("%-6s%16s%16s%n", "seed", "3 units: loss", "5 units: loss");
    Map<Integer, RealVector> firstEnd = new HashMap<>();
    double[] worst = new double[6];
    int[] stuck = new int[6];
    for (long seed = 1; seed <= 20; seed++) {
        double[] losses = new double[6];
        for (int hidden : new int[] {3, 5}) {
            HiddenLayerNet net = new HiddenLayerNet(2, hidden);
            RandomGenerator random = new Well19937c(seed);   // a long seed, as in the lesson's tests
            RealVector start = new ArrayRealVector(net.parameterCount());
            for (int j = 0; j < start.getDimension(); j++) start.setEntry(j, random.nextGaussian());
            RealVector end = net.train(start, x, y, 1.0, 500);
            losses[hidden] = net.loss(end, x, y);
            worst[hidden] = Math.max(worst[hidden], losses[hidden]);
            if (losses[hidden] > floor + 0.05) stuck[hidden]++;
            if (seed == 1) firstEnd.put(hidden, end);
        }
        System.out.printf("%-6d%16.4f%16.4f%n", seed, losses[3], losses[5]);
    }
    System.out.printf("worst%17.4f%16.4f   (runs more than 0.05 above the floor: %d with 3 units, %d with 5)%n%n",
            worst[3], worst[5], stuck[3], stuck[5]);

    // 2. The bump: the 5-unit net from seed 1, and the same net with units 0 and 1 swapped.
    HiddenLayerNet net = new HiddenLayerNet(2, 5);
    RealVector theta = firstEnd.get(5);
    RealVector swapped = net.swapUnits(theta, 0, 1);
    // 3. The bowl: logistic regression on the same points (a column of ones for the bias), along a segment
    //    through the point reached by 2000 gradient steps, from w − d to w + d.
    RealMatrix features = MatrixUtils.createRealMatrix(10, 3);
    for (int i = 0; i < 10; i++) {
        features.setEntry(i, 0, 1.0);
        features.setEntry(i, 1, x.getEntry(i, 0));
        features.setEntry(i, 2, x.getEntry(i, 1));
    }
    RealVector w = new ArrayRealVector(3);
    for (int step = 0; step < 2000; step++) w = w.subtract(LogisticRegression.gradient(features, y, w).mapMultiply(1.0));
    RealVector d = new ArrayRealVector(new double[] {1.5, -2.0, 2.5});
    RealVector wa = w.subtract(d), wb = w.add(d);

    System.out.printf("%-7s%26s%30s%n", "t", "net, θ → swapped θ", "logistic, w − d → w + d");
    XYSeries bump = new XYSeries("net with 5 hidden units: θ to θ with units 0 and 1 swapped");
    XYSeries bowl = new XYSeries("logistic regression: w − d to w + d, through its minimum");
    for (int k = 0; k <= 40; k++) {
        double t = k / 40.0;
        double netLoss = net.loss(theta.mapMultiply(1 - t).add(swapped.mapMultiply(t)), x, y);
        double logisticLoss = LogisticRegression.loss(features, y, wa.mapMultiply(1 - t).add(wb.mapMultiply(t)));
        bump.add(t, netLoss);
        bowl.add(t, logisticLoss);
        if (k % 4 == 0) System.out.printf("%-7.2f%26.4f%30.4f%n", t, netLoss, logisticLoss);
    }
    double netGap = Convexity.chordGap(p -> net.loss(new ArrayRealVector(p), x, y), theta.toArray(), swapped.toArray(), 41);
    double logisticGap = Convexity.chordGap(p -> LogisticRegression.loss(features, y, new ArrayRealVector(p)), wa.toArray(), wb.toArray(), 41);
    System.out.printf("%nChord gap (41 points): net %+.4f (above its chord: not convex), logistic %+.4f (below: as a convex loss must be)%n",
            netGap, logisticGap);

    RealVector middle = theta.add(swapped).mapMultiply(0.5);
    double netEigen = Convexity.smallestEigenvalue(
            Convexity.hessianByDifferences(p -> net.gradient(new ArrayRealVector(p), x, y).toArray(), middle.toArray(), 1e-4));
    double logisticEigen = Convexity.smallestEigenvalue(LogisticRegression.hessian(features, w));
    System.out.printf("Smallest Hessian eigenvalue: net at the middle of its segment %.4f, logistic regression at w %.3e%n",
            netEigen, logisticEigen);
    System.out.printf("Logistic regression's best loss on XOR is %.4f: a straight line cannot separate it; the net reaches %.4f.%n",
            LogisticRegression.loss(features, y, w), net.loss(theta, x, y));

    Notebook.save(Notebook.lines("Loss along a segment: a bump between two equivalent minima, a bowl for logistic regression",
            "t along the segment", "mean cross-entropy", List.of(bump, bowl)));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
