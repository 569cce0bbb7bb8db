package io.github.ecrtoolkit.examples;

import io.github.ecrtoolkit.eks.EksNodeGroupSpec;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** {@code --nodes t3.medium:1:2:4}: instance type, then min, desired and max nodes (named by {@code --node-group} later). */
final class NodeGroupConverter implements ITypeConverter<EksNodeGroupSpec> {

    @Override
    public EksNodeGroupSpec convert(String value) {
        String[] parts = value.split(":");
        if (parts.length != 4) {
            throw new TypeConversionException("'" + value + "' is not TYPE:MIN:DESIRED:MAX, such as t3.medium:1:2:4");
        }
        try {
            return new EksNodeGroupSpec("workers", parts[0], Integer.parseInt(parts[1]), Integer.parseInt(parts[2]),
                    Integer.parseInt(parts[3]));
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + value + "': MIN, DESIRED and MAX are whole numbers");
        } catch (IllegalArgumentException e) {
            throw new TypeConversionException(e.getMessage());
        }
    }
}
