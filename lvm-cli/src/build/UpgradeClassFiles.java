import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.objectweb.asm.ClassReader;
import org.objectweb.asm.ClassVisitor;
import org.objectweb.asm.ClassWriter;
import org.objectweb.asm.Opcodes;

/**
 * Build step of lvm-cli (run by the package phase with the JDK's source launcher and ASM on the class path):
 * rewrites the class files of the shaded jar that are older than Java 6 (picocli ships Java 5 class files) as
 * Java 8 class files with stack map frames. The JVM can then put them into the AppCDS archive (it refuses pre-Java
 * 6 classes) and no longer runs the slow type-inferring verifier on every start. Behaviour is unchanged: only the
 * class file version and the frames differ.
 * Usage: java -cp asm.jar UpgradeClassFiles.java JAR
 */
public final class UpgradeClassFiles {
    public static void main(String[] args) throws IOException {
        Path jar = Path.of(args[0]);
        Path tmp = jar.resolveSibling(jar.getFileName() + ".upgrading");
        int upgraded = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null);
                ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
            for (ZipEntry e; (e = in.getNextEntry()) != null;) {
                byte[] bytes = in.readAllBytes();
                if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/") && major(bytes) < 50) {
                    bytes = upgrade(bytes, loader);
                    upgraded++;
                }
                ZipEntry copy = new ZipEntry(e.getName());
                copy.setTime(e.getTime());
                out.putNextEntry(copy);
                out.write(bytes);
                out.closeEntry();
            }
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING);
        System.out.println("UpgradeClassFiles: " + upgraded + " class files of " + jar.getFileName()
                + " rewritten as Java 8 class files");
    }

    private static int major(byte[] b) {
        return ((b[6] & 0xff) << 8) | (b[7] & 0xff);
    }

    private static byte[] upgrade(byte[] bytes, ClassLoader loader) {
        ClassWriter w = new ClassWriter(ClassWriter.COMPUTE_FRAMES) {
            @Override
            protected ClassLoader getClassLoader() {
                return loader;
            }
        };
        new ClassReader(bytes).accept(new ClassVisitor(Opcodes.ASM9, w) {
            @Override
            public void visit(int version, int access, String name, String sig, String sup, String[] itfs) {
                super.visit(Opcodes.V1_8, access, name, sig, sup, itfs);
            }
        }, ClassReader.SKIP_FRAMES);
        return w.toByteArray();
    }
}
