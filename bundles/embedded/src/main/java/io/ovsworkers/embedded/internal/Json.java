package io.ovsworkers.embedded.internal;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.LinkedHashMap;

/** The one Jackson mapper of the bundle: plain JSON values and records, no default typing. */
final class Json {

    static final ObjectMapper MAPPER = new ObjectMapper();

    static final JavaType OBJECT_MAP = MAPPER.getTypeFactory()
            .constructMapType(LinkedHashMap.class, String.class, Object.class);

    private Json() {
    }
}
