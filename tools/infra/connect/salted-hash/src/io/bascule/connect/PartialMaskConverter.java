package io.bascule.connect;

import io.debezium.spi.converter.CustomConverter;
import io.debezium.spi.converter.RelationalColumn;
import java.util.Arrays;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Masks the listed columns at capture, keeping only their first and last characters: an IBAN keeps its country and
 * its last four (`FR76 3000 6000 0112 3456 7890 189` → `FR*********************0189`), what a support agent needs,
 * and the clear value never reaches Kafka. Spaces are dropped first (IBANs are written with and without); a value
 * too short to hide anything once those are kept is masked whole. Debezium's own column.mask.with.N.chars keeps
 * nothing, column.truncate.to.N.chars only a start.
 *
 * converters=partialmask, partialmask.type=io.bascule.connect.PartialMaskConverter,
 * partialmask.columns=public.PAIEMENTS.IBAN, partialmask.keep.first=2, partialmask.keep.last=4
 */
public class PartialMaskConverter implements CustomConverter<SchemaBuilder, RelationalColumn> {
  /** At least this many characters stay hidden, or the whole value is. */
  static final int MIN_HIDDEN = 4;
  private Set<String> columns;
  private int first;
  private int last;

  @Override
  public void configure(Properties props) {
    columns = Arrays.stream(props.getProperty("columns", "").split(",")).map(String::trim).filter(c -> !c.isEmpty()).collect(Collectors.toSet());
    first = Integer.parseInt(props.getProperty("keep.first", "0").trim());
    last = Integer.parseInt(props.getProperty("keep.last", "0").trim());
    if (columns.isEmpty() || first < 0 || last < 0) {
      throw new IllegalArgumentException("partialmask needs columns, and keep.first and keep.last of at least 0");
    }
  }

  @Override
  public void converterFor(RelationalColumn column, ConverterRegistration<SchemaBuilder> registration) {
    if (!columns.contains(column.dataCollection() + "." + column.name())) return;
    SchemaBuilder schema = SchemaBuilder.string();
    if (column.isOptional()) schema.optional();
    registration.register(schema, value -> value == null ? null : mask(value.toString()));
  }

  String mask(String value) {
    String compact = value.replaceAll("\\s+", "");
    if (compact.length() < first + last + MIN_HIDDEN) return "*".repeat(compact.length());
    return compact.substring(0, first) + "*".repeat(compact.length() - first - last) + compact.substring(compact.length() - last);
  }
}
