///usr/bin/env jbang "$0" "$@" ; exit $?
//DEPS org.apache.commons:commons-math3:3.6.1
// Lesson 00 experiment: your derivative of sin(x²) beside a central-difference estimate.
// Runs on your Welcome: put target/classes on the class path (see the lesson's README).

import gradientkata.welcome.Welcome;

int status = 0;
try {
    double h = 1e-5;
    System.out.printf("%6s %22s %22s %12s%n", "x", "your f'(x)", "(f(x+h)-f(x-h))/2h", "difference");
    for (double x = -2.0; x <= 2.0001; x += 0.5) {
        double mine = Welcome.derivative(x);
        double estimate = (Math.sin((x + h) * (x + h)) - Math.sin((x - h) * (x - h))) / (2 * h);
        System.out.printf("%6.2f %22.12f %22.12f %12.1e%n", x, mine, estimate, Math.abs(mine - estimate));
    }
} catch (UnsupportedOperationException e) {
    System.err.println("Not implemented yet: " + e.getMessage());
    status = 1;
} catch (Throwable e) {
    System.err.println("The experiment failed: " + e);
    status = 1;
}
System.exit(status);
/exit
