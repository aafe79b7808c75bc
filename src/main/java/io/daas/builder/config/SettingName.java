package io.daas.builder.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** The environment name of a bound setting, like BUILD_MEMORY_LIMIT, for the one-line start-up error. */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.PARAMETER, ElementType.FIELD})
public @interface SettingName {

    String value();
}
