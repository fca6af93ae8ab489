package org.apache.kylin.rest.asyncquery.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Kylin's response envelope: {@code {"code":"000","data":...,"msg":""}} on success. A refusal has another code,
 * a message for people in {@code msg}, and (an addition to Kylin's shape) the error's name in {@code error_code}.
 */
@JsonPropertyOrder({"code", "data", "msg", "error_code"})
public final class EnvelopeResponse<T> {
    public static final String SUCCESS_CODE = "000";
    public static final String FAILURE_CODE = "999";

    private final String code;
    private final T data;
    private final String msg;
    private final String errorCode;

    private EnvelopeResponse(String code, T data, String msg, String errorCode) {
        this.code = code;
        this.data = data;
        this.msg = msg;
        this.errorCode = errorCode;
    }

    public static <T> EnvelopeResponse<T> ok(T data) {
        return new EnvelopeResponse<>(SUCCESS_CODE, data, "", null);
    }

    public static EnvelopeResponse<Object> error(String errorCode, String message) {
        return new EnvelopeResponse<>(FAILURE_CODE, null, message, errorCode);
    }

    @JsonProperty("code")
    public String getCode() {
        return code;
    }

    @JsonProperty("data")
    public T getData() {
        return data;
    }

    @JsonProperty("msg")
    public String getMsg() {
        return msg;
    }

    @JsonProperty("error_code")
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public String getErrorCode() {
        return errorCode;
    }
}
