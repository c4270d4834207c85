import "@mantine/dates/styles.css";
import "dayjs/locale/vi";
import "dayjs/locale/en-gb";
import { ActionIcon, Group, Input, TextInput } from "@mantine/core";
import { DateInput, DatesProvider } from "@mantine/dates";
import { type CSSProperties, type ReactNode, useEffect, useId, useRef, useState } from "react";
import { useTranslation } from "react-i18next";
import {
  dayInputFormat,
  formatDay,
  formatMonth,
  parseDayInput,
  parseTimeInput,
  vietnamToday,
} from "../i18n/format.ts";
import { dayRangeProblem } from "./day-range.ts";
import { CalendarIcon } from "./icons.tsx";

/*
 * Date fields that read and write dd/mm/yyyy and a 24-hour time whatever the browser's language:
 * the browser's own date inputs follow its locale (mm/dd/yyyy and AM/PM on an English Chrome).
 * Values keep the shapes of the native inputs they replace: "YYYY-MM-DD" and "YYYY-MM-DDTHH:mm",
 * read as Vietnam time by the callers, "" for none.
 * A day typed outside min/max stays in the field with a sentence saying what is wrong (the callers
 * get "" until it is fixed), instead of vanishing as Mantine's own range check would have it.
 */

interface FieldProps {
  label: ReactNode;
  description?: ReactNode;
  error?: ReactNode;
  required?: boolean;
  /** Earliest and latest day the calendar offers (YYYY-MM-DD, or a YYYY-MM-DDTHH:mm whose day counts). */
  min?: string;
  max?: string;
  disabled?: boolean;
  w?: number | string;
  style?: CSSProperties;
  "data-testid"?: string;
}

function useDatesSettings() {
  const { i18n } = useTranslation();
  return { locale: i18n.language === "en" ? "en-gb" : "vi", firstDayOfWeek: 1 as const };
}

function DayInput(
  props: FieldProps & {
    value: string;
    onChange: (day: string) => void;
    id?: string;
    onInput?: (text: string) => void;
    /** Told the sentence about a day outside the range (null once it is fixed), to show it elsewhere. */
    onRangeMessage?: (message: string | null) => void;
    withLabel: boolean;
  },
) {
  const { t, i18n } = useTranslation();
  // The calendar opens from its button only: opening as one types would cover the buttons below.
  const [calendarOpen, setCalendarOpen] = useState(false);
  const range = { min: props.min?.slice(0, 10) || undefined, max: props.max?.slice(0, 10) || undefined };
  // A day typed outside the range, kept in the field while the caller's value is "".
  const [outside, setOutside] = useState("");
  const kept = props.value ? "" : outside;
  const problem = kept ? dayRangeProblem(kept, range, vietnamToday()) : null;
  const field = typeof props.label === "string" ? props.label : t("dates.someDay");
  const message = !problem
    ? null
    : problem.kind === "afterNow" || problem.kind === "notAfterToday"
      ? t(`dates.${problem.kind}`, { field })
      : t(`dates.${problem.kind}`, { field, day: formatDay(problem.limit) });
  const { onChange, onRangeMessage } = props;
  // The range moved (the other end of a period changed): a kept day now inside it becomes the value.
  const nowInside = Boolean(kept) && !problem;
  useEffect(() => {
    if (nowInside) {
      setOutside("");
      onChange(kept);
    }
  }, [nowInside, kept, onChange]);
  useEffect(() => {
    onRangeMessage?.(message);
  }, [message, onRangeMessage]);
  return (
    <DateInput
      id={props.id}
      label={props.withLabel ? props.label : undefined}
      description={props.withLabel ? props.description : undefined}
      error={props.withLabel ? (message ?? props.error) : message ? true : props.error}
      required={props.required}
      disabled={props.disabled}
      value={props.value || kept || null}
      onChange={(picked) => {
        setCalendarOpen(false);
        const day = picked ? picked.slice(0, 10) : "";
        if (day && dayRangeProblem(day, range, vietnamToday())) {
          setOutside(day);
          if (props.value) {
            props.onChange("");
          }
          return;
        }
        setOutside("");
        props.onChange(day);
      }}
      allowDeselect
      onInput={(event) => props.onInput?.(event.currentTarget.value)}
      // Not minDate/maxDate: with those, Mantine empties a typed day outside them without a word.
      excludeDate={(date) =>
        Boolean((range.min && date.slice(0, 10) < range.min) || (range.max && date.slice(0, 10) > range.max))
      }
      valueFormat={dayInputFormat}
      // The calendar's month heading as the app's other month headings: "Tháng 12/2026", "December 2026".
      monthLabelFormat={(date) => formatMonth(date.slice(0, 7), i18n.language)}
      dateParser={parseDayInput}
      placeholder={t("dates.dayPlaceholder")}
      inputMode="numeric"
      w={props.w}
      style={props.style}
      data-testid={props["data-testid"]}
      popoverProps={{ opened: calendarOpen, onDismiss: () => setCalendarOpen(false), withinPortal: true }}
      rightSection={
        <ActionIcon
          variant="subtle"
          color="gray"
          aria-label={t("dates.openCalendar")}
          aria-expanded={calendarOpen}
          disabled={props.disabled}
          onClick={() => setCalendarOpen((open) => !open)}
        >
          <CalendarIcon size={18} />
        </ActionIcon>
      }
    />
  );
}

/** A day, typed as dd/mm/yyyy or picked from a calendar in the UI's language. */
export function DateField(props: FieldProps & { value: string; onChange: (day: string) => void }) {
  return (
    <DatesProvider settings={useDatesSettings()}>
      <DayInput {...props} withLabel />
    </DatesProvider>
  );
}

/** A day and a time on a 24-hour clock, side by side; the value is "" until both are valid. */
export function DateTimeField(props: FieldProps & { value: string; onChange: (value: string) => void }) {
  const { t } = useTranslation();
  const settings = useDatesSettings();
  const id = useId();
  const [day, setDayState] = useState(props.value.slice(0, 10));
  const [timeText, setTimeState] = useState(props.value.slice(11, 16));
  // What is typed, read by handlers that run one after the other within a single keystroke.
  const typed = useRef({ day, time: timeText });
  const setDay = (next: string) => {
    typed.current.day = next;
    setDayState(next);
  };
  const setTimeText = (next: string) => {
    typed.current.time = next;
    setTimeState(next);
  };
  const emitted = useRef(props.value);
  // A new value from outside (a reset, a default) replaces what is typed.
  if (props.value !== emitted.current) {
    emitted.current = props.value;
    setDay(props.value.slice(0, 10));
    setTimeText(props.value.slice(11, 16));
  }
  const emit = () => {
    const time = parseTimeInput(typed.current.time);
    const value = typed.current.day && time ? `${typed.current.day}T${time}` : "";
    if (value !== emitted.current) {
      emitted.current = value;
      props.onChange(value);
    }
  };
  // A day typed outside the range is named under both halves, as the field's own error.
  const [rangeMessage, setRangeMessage] = useState<string | null>(null);
  const error = rangeMessage ?? props.error;
  const invalid = Boolean(error);
  return (
    <DatesProvider settings={settings}>
      <Input.Wrapper
        label={props.label}
        description={props.description}
        error={error}
        required={props.required}
        labelProps={{ htmlFor: id }}
        w={props.w}
        style={props.style}
      >
        <Group gap="xs" wrap="nowrap" align="flex-start">
          <DayInput
            {...props}
            id={id}
            withLabel={false}
            onRangeMessage={setRangeMessage}
            error={invalid}
            description={undefined}
            w={undefined}
            style={{ flex: "1 1 auto", minWidth: 0 }}
            value={day}
            onChange={(next) => {
              setDay(next);
              emit();
            }}
            // A whole "YYYY-MM-DDTHH:mm" pasted into the day also sets the time.
            onInput={(text) => {
              const pastedTime = /^\d{4}-\d{2}-\d{2}[T ](\d{2}:\d{2})/.exec(text.trim())?.[1];
              if (pastedTime) {
                setTimeText(pastedTime);
                const pastedDay = parseDayInput(text);
                if (pastedDay) {
                  setDay(pastedDay);
                }
                emit();
              }
            }}
          />
          <TextInput
            aria-label={t("dates.time")}
            placeholder={t("dates.timePlaceholder")}
            inputMode="numeric"
            maxLength={5}
            w={84}
            disabled={props.disabled}
            error={invalid}
            value={timeText}
            onChange={(event) => {
              setTimeText(event.currentTarget.value);
              emit();
            }}
            onBlur={() => {
              const time = parseTimeInput(timeText);
              if (time) {
                setTimeText(time);
              }
            }}
            data-testid={props["data-testid"] ? `${props["data-testid"]}-time` : undefined}
          />
        </Group>
      </Input.Wrapper>
    </DatesProvider>
  );
}
