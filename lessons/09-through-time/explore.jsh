///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 09 experiment: how much gradient gets back from step T to step 1, along a plain tanh net
// and along the cell state of an LSTM with forget biases 0, 1, 3 and 5; and clipping an exploded one.
// From the kata's root: ./jbang lessons/09-through-time/explore.jsh [--reference]

Notebook.use("09-through-time", args);   // compiles your classes (with --reference, the reference ones)
import gradientkata.recurrent.CellPath;
import gradientkata.recurrent.ScalarRnn;
import gradientkata.recurrent.SequenceClipping;
import org.apache.commons.math3.random.Well19937c;
import org.jfree.data.xy.XYSeries;

// The inputs and the chart's lines, declared here so that they stay in an interactive session.
int maxSteps = 300;
double[] x = new double[maxSteps];      // the memory task: x_1 = 1, then distractors from N(0, 1), seed 1
double[] biases = {0.0, 1.0, 3.0, 5.0};
String[] names = {"tanh net, w = 1", "tanh net, w = 1.5, a_t = 0", "cell, forget bias 0", "cell, forget bias 1",
        "cell, forget bias 3", "cell, forget bias 5"};
double[][] reach = new double[names.length][maxSteps + 1];   // reach[k][T]: the gradient from step T back to step 1
String[] columns = {"tanh w=1", "tanh w=1.5", "cell b=0", "cell b=1", "cell b=3", "cell b=5"};
int[] shown = {1, 2, 5, 10, 20, 50, 100, 200, 300};
List<XYSeries> lines = new ArrayList<>();

int status = 1;                          // stays 1 unless the experiment runs to its end
try {
    Well19937c random = new Well19937c(1);
    x[0] = 1.0;
    for (int t = 1; t < maxSteps; t++) x[t] = random.nextGaussian();
    ScalarRnn plain = new ScalarRnn(1.0, 1.0, 0.0);
    ScalarRnn exploding = new ScalarRnn(1.5, 1.0, 0.0);
    double h1 = plain.states(0.0, new double[] {x[0]})[1];
    for (int steps = 1; steps <= maxSteps; steps++) {
        // ∂h_T/∂h_1: the net from h_1 over x_2 … x_T.
        reach[0][steps] = plain.gradientThroughTime(h1, Arrays.copyOfRange(x, 1, steps));
        // From h_0 = 0 with zero inputs every a_t is 0: the factor is w·tanh′(0) = 1.5 at every step.
        reach[1][steps] = exploding.gradientThroughTime(0.0, new double[steps - 1]);
        for (int k = 0; k < biases.length; k++) {
            double[] forget = new double[steps];
            for (int t = 0; t < steps; t++) forget[t] = CellPath.sigmoid(biases[k] + x[t]);
            reach[2 + k][steps] = new CellPath(forget, new double[steps], new double[steps]).gradient(1);   // ∂c_T/∂c_1
        }
    }

    System.out.println("The memory task: x_1 = 1, then distractors from N(0, 1) (seed 1). The gradient that gets back");
    System.out.println("from step T to step 1: ∂h_T/∂h_1 for the tanh net, ∂c_T/∂c_1 along the cell (gates σ(bias + x_t)).");
    System.out.printf("%-6s", "T");
    for (String column : columns) System.out.printf("%13s", column);
    System.out.println();
    for (int steps : shown) {
        System.out.printf("%-6d", steps);
        for (double[] row : reach) System.out.printf("%13.3e", row[steps]);
        System.out.println();
    }
    System.out.println("(tanh w=1.5: from h_0 = 0 with zero inputs, so a_t = 0 and every factor is 1.5; b: the forget bias)");
    System.out.println("The tanh net's factors w·tanh′(a_t) are below one wherever a distractor moves a_t away from 0;");
    System.out.println("along the cell each step multiplies by the forget gate alone, and gates near one carry the signal.");
    System.out.println();

    double[] exploded = {reach[1][101], 3.0};
    double[] clipped = SequenceClipping.clipByNorm(exploded, 1.0);
    System.out.printf("Clipping the gradient [∂h_101/∂h_1 = 1.5¹⁰⁰, 3] = %s to norm 1: %s%n",
            Arrays.toString(exploded), Arrays.toString(clipped));
    System.out.println("(same direction, length 1: one exploded sequence can no longer throw the weights far away)");

    // The chart: each gradient against T on a log scale, where a geometric decay is a straight line.
    for (int k = 0; k < names.length; k++) {
        XYSeries line = new XYSeries(names[k]);
        for (int steps = 1; steps <= maxSteps; steps++) line.add(steps, reach[k][steps]);
        lines.add(line);
    }
    Notebook.save(Notebook.logY(Notebook.lines("The gradient from step T back to step 1",
            "time steps T", "gradient reaching step 1", lines)));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
