package org.repcollapse.dynamics;

/**
 * What {@link ProductKernel} and {@link SampleKernel} share: the name of an implementation for
 * reports, and the choice, made once, between the JDK Vector API implementation and the plain Java
 * one: the vector kernel when jdk.incubator.vector is in the boot layer
 * ({@code java --add-modules jdk.incubator.vector}) and the system property {@code repcollapse.simd}
 * is not {@code false}, the scalar one otherwise. The vector classes are loaded only when chosen.
 */
abstract class Kernel {

    /** The module of the Vector API. */
    static final String VECTOR_MODULE = "jdk.incubator.vector";

    /** The name of the plain Java implementations. */
    static final String SCALAR = "scalar";

    private final String name;

    Kernel(String name) {
        this.name = name;
    }

    /** "vector (8 doubles)" or "scalar", for reports. */
    public final String name() {
        return name;
    }

    /** True when the Vector API module is in the boot layer. */
    static boolean vectorModulePresent() {
        return ModuleLayer.boot().findModule(VECTOR_MODULE).isPresent();
    }

    /** The selection rule: the vector kernel when its module is present, unless {@code repcollapse.simd=false}. */
    static boolean useVector(boolean modulePresent, String simdProperty) {
        return modulePresent && !"false".equals(simdProperty);
    }

    /** The rule applied to this JVM: {@code vector} by reflection when {@link #useVector}, else {@code scalar}. */
    static <K extends Kernel> K choose(Class<K> type, String vector, K scalar) {
        return useVector(vectorModulePresent(), System.getProperty("repcollapse.simd")) ? create(type, vector) : scalar;
    }

    /** A new instance of the class {@code org.repcollapse.dynamics.<simpleName>}, without loading it before. */
    static <K extends Kernel> K create(Class<K> type, String simpleName) {
        try {
            return type.cast(Class.forName("org.repcollapse.dynamics." + simpleName)
                    .getDeclaredConstructor().newInstance());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("the kernel " + simpleName + " could not be created", e);
        }
    }
}
