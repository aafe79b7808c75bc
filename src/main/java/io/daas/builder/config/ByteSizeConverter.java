package io.daas.builder.config;

import java.util.Set;
import org.springframework.boot.context.properties.ConfigurationPropertiesBinding;
import org.springframework.core.convert.TypeDescriptor;
import org.springframework.core.convert.converter.GenericConverter;
import org.springframework.stereotype.Component;

/**
 * Binds size settings to {@link ByteSize} once, at start-up; a bad one stops the service with one
 * line naming the setting (from {@link SettingName}) and the fix.
 */
@Component
@ConfigurationPropertiesBinding
class ByteSizeConverter implements GenericConverter {

    @Override
    public Set<ConvertiblePair> getConvertibleTypes() {
        return Set.of(new ConvertiblePair(String.class, ByteSize.class));
    }

    @Override
    public Object convert(Object source, TypeDescriptor sourceType, TypeDescriptor targetType) {
        String value = (String) source;
        try {
            return ByteSize.parse(value);
        } catch (IllegalArgumentException | ArithmeticException e) {
            SettingName name = targetType.getAnnotation(SettingName.class);
            throw new InvalidSettingException(
                    name == null ? "a size setting" : name.value(),
                    e.getMessage() == null ? "'" + value + "' is not a size" : e.getMessage(),
                    "write a whole number of bytes or one with k, m or g, like 512m or 2g (0: no limit)",
                    e);
        }
    }
}
