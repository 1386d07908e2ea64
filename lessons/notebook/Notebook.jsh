// Every lesson's explore.jsh loads this file first (//SOURCES). It compiles Notebook.java, the
// experiments' shared helper, into lessons/notebook/classes (on first use, and again whenever it
// changes) and imports it. jbang.properties puts that folder on the class path.
// The JVM options: no display needed for charts; and a JVM that starts fast (the simple collector,
// a heap that need not grow), because JShell's start is most of a run. Each experiment whose
// computing takes less than JShell's start also asks for the quick compiler only
// (-XX:TieredStopAtLevel=1, in its own //RUNTIME_OPTIONS); lesson 08's, which trains four deep nets,
// does not: its loops run about three times faster with the full compiler.
//DEPS org.jfree:jfreechart:1.5.6
//RUNTIME_OPTIONS -Djava.awt.headless=true -XX:+UseSerialGC -Xms128m

if (!Files.isRegularFile(Path.of("lessons/notebook/Notebook.java"))) {
    System.err.println("Run the experiments from the kata's root folder, e.g. ./jbang lessons/01-chain-rule-products/explore.jsh");
    System.exit(1);
} else if (!Files.exists(Path.of("lessons/notebook/classes/gradientkata/notebook/Notebook.class"))
        || Files.getLastModifiedTime(Path.of("lessons/notebook/Notebook.java")).compareTo(
           Files.getLastModifiedTime(Path.of("lessons/notebook/classes/gradientkata/notebook/Notebook.class"))) > 0) {
    javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", "lessons/notebook/classes", "--release", "17",
            "-classpath", System.getProperty("java.class.path"), "-proc:none", "lessons/notebook/Notebook.java");
}
import gradientkata.notebook.Notebook;
// For the learner's own lines in an interactive session (./kata jshell NN), besides each
// experiment's imports: the chart's series, and the parts of Commons Math that the lessons use.
import org.jfree.data.xy.XYSeries;
import org.apache.commons.math3.analysis.differentiation.*;
import org.apache.commons.math3.analysis.function.*;
import org.apache.commons.math3.linear.*;
import org.apache.commons.math3.util.FastMath;
