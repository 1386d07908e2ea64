///usr/bin/env jbang "$0" "$@" ; exit $?
//SOURCES ../notebook/Notebook.jsh
//DEPS org.apache.commons:commons-math3:3.6.1
//RUNTIME_OPTIONS -XX:TieredStopAtLevel=1
// Lesson 00 experiment: your derivative of sin(x²) beside a central-difference estimate.
// From the kata's root: ./jbang lessons/00-welcome/explore.jsh [--reference]

Notebook.use("00-welcome", args);   // compiles your Welcome (with --reference, the reference one)
import gradientkata.welcome.Welcome;
import org.jfree.data.xy.XYSeries;

// The inputs and the chart's series, declared here so that they stay in an interactive session.
double h = 1e-5;
XYSeries f = new XYSeries("f(x) = sin(x²)");
XYSeries yours = new XYSeries("your f'(x)");
XYSeries estimated = new XYSeries("central difference");

int status = 1;                     // stays 1 unless the experiment runs to its end
try {
    System.out.printf("%6s %22s %22s %12s%n", "x", "your f'(x)", "(f(x+h)-f(x-h))/2h", "difference");
    for (double x = -2.0; x <= 2.0001; x += 0.5) {
        double mine = Welcome.derivative(x);
        double estimate = (Math.sin((x + h) * (x + h)) - Math.sin((x - h) * (x - h))) / (2 * h);
        System.out.printf("%6.2f %22.12f %22.12f %12.1e%n", x, mine, estimate, Math.abs(mine - estimate));
    }

    // The chart: f(x) = sin(x²), your f'(x), and the estimate, which should lie on top of it.
    for (int i = 0; i <= 200; i++) {
        double x = -3.0 + 6.0 * i / 200;
        f.add(x, Math.sin(x * x));
        yours.add(x, Welcome.derivative(x));
        if (i % 10 == 0) estimated.add(x, (Math.sin((x + h) * (x + h)) - Math.sin((x - h) * (x - h))) / (2 * h));
    }
    Notebook.save(Notebook.dots(Notebook.lines("sin(x²) and its derivative by the chain rule", "x", "value",
            List.of(f, yours, estimated)), 2));
    status = 0;
} catch (Throwable e) {
    Notebook.explain(e);
}
Notebook.end(status);   // a script exits with status; in JShell (./kata jshell NN) the session stays open
