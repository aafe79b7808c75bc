package io.daas.builder.api;

/** The error envelope every failed request gets: {@code {"success":false,"error","message"}}. */
record ApiError(boolean success, String error, String message) {

    static ApiError of(String error, String message) {
        return new ApiError(false, error, message);
    }
}
