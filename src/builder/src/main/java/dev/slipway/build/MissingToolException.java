package dev.slipway.build;

/** A host program the build needs is not installed; names the Debian package that has it. */
public final class MissingToolException extends BuildException {

    private final String program;
    private final String debianPackage;

    public MissingToolException(String program, String debianPackage, String neededFor) {
        super(program + " is not installed; it is needed to " + neededFor + ". Install the Debian package '"
                + debianPackage + "' (apt-get install " + debianPackage + "), or run ./slipway build as root,"
                + " which installs it");
        this.program = program;
        this.debianPackage = debianPackage;
    }

    public String program() {
        return program;
    }

    public String debianPackage() {
        return debianPackage;
    }
}
