package io.bascule.connect;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Replaces the listed columns by HMAC-SHA-256(salt, value) in hex, so the captured value can be joined on
 * but not read. Debezium's own column.mask.hash.* carries the salt in the property NAME, which Kafka's
 * config providers cannot fill (they substitute values only) and the Connect REST API shows; here the salt
 * is a property VALUE, so it can be `${file:...}` and never appears in the connector's config (ADR 0011).
 *
 * converters=saltedhash, saltedhash.type=io.bascule.connect.SaltedHashConverter,
 * saltedhash.columns=public.CLIENTS.NO_SECU, saltedhash.salt=${file:/path/connect.properties:legacy.hash.salt}
 */
public class SaltedHashConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {
  static final int MIN_SALT_BYTES = 32;
  private Set<String> columns;
  private SecretKeySpec key;

  @Override
  public void configure(Properties props) {
    String salt = props.getProperty("salt", "");
    if (salt.getBytes(StandardCharsets.UTF_8).length < MIN_SALT_BYTES || salt.startsWith("${")) {
      throw new IllegalArgumentException("saltedhash.salt must be a secret of at least " + MIN_SALT_BYTES + " bytes (resolved by a config provider)");
    }
    key = new SecretKeySpec(salt.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    columns = Arrays.stream(props.getProperty("columns", "").split(",")).map(String::trim).filter(c -> !c.isEmpty()).collect(Collectors.toSet());
  }

  @Override
  public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
    if (!columns.contains(column.dataCollection() + "." + column.name())) return;
    SchemaBuilder schema = SchemaBuilder.string();
    if (column.isOptional()) schema.optional();
    registration.register(schema, value -> value == null ? null : hash(value.toString()));
  }

  String hash(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(key);
      return HexFormat.of().formatHex(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
