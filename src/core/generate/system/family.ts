/**
 * What a family of real-world system logs looks like to the corpus generator: the program that
 * writes it, the line headers it is seen with, and its message templates, each labelled by the
 * rubric of the nine labels. Templates are written from knowledge of how each kind of software
 * logs – never copied from a dataset.
 *
 * Template text: `{slot}` draws a value from the family's slots or the shared ones
 * (system/slots.ts); `{a|b|c}` picks one of the words inline (all of them must mean the same
 * for the label); `{{` and `}}` are literal braces.
 */
import type { Rng } from '../random.ts';
import type { Label } from '../templates.ts';

export type { Label };

/** Fills one slot; `time` is the row's epoch seconds, for messages that quote a date. */
export type SystemSlot = (rng: Rng, time: number) => string;

/** A slot is a filler, or a list of values to pick from evenly. */
export type SlotSpec = SystemSlot | readonly string[];

/** The line prefixes a raw log file carries before the message (system/headers.ts renders them). */
export type HeaderStyle =
  /** RFC 3164 syslog: `Mar  3 14:22:01 host program[pid]: ` */
  | 'syslog'
  /** RFC 5424 syslog: `<134>1 2024-03-03T14:22:01.123Z host program pid - - ` */
  | 'rfc5424'
  /** log4j/logback: `2024-03-03 14:22:01,123 INFO [thread] org.example.Class: ` */
  | 'log4j'
  /** ISO time and level: `2024-03-03T14:22:01.123Z INFO ` */
  | 'iso-level'
  /** Apache/nginx error log: `[Sun Mar 03 14:22:01.123456 2024] [module:error] [pid 123] ` */
  | 'apache-error'
  /** glog / klog (Kubernetes, many Go and C++ services): `I0303 14:22:01.123456    1234 file.go:123] ` */
  | 'glog'
  /** Android logcat threadtime: `03-03 14:22:01.123  1234  1250 I Tag: ` */
  | 'logcat'
  /** Python logging default: `2024-03-03 14:22:01,123 - name - INFO - ` */
  | 'python'
  /** Windows (CBS/event export style): `2024-03-03 14:22:01, Info                  CBS    ` */
  | 'windows'
  /** Bracketed level: `[2024-03-03 14:22:01] [INFO] ` (many application frameworks) */
  | 'bracket-level';

export interface FamilyTemplate {
  label: Label;
  text: string;
  /** Relative weight among the family's templates of the same label (default 1). */
  weight?: number;
}

export interface LogFamily {
  /** Short id, unique: `sshd`, `hdfs-datanode`, `kubelet`. */
  id: string;
  /** A broader area, for leave-one-group-out measurement: `linux`, `network`, `web`, `jvm`, `bigdata`, `database`, `container`, `cloud`, `desktop`, `mobile`, `hpc`, `security`, `app`. */
  group: string;
  /** Relative share of the corpus's system-log rows (default 1). */
  weight?: number;
  /** Name in syslog/logcat headers (`sshd`, `kernel`, `ActivityManager`); the id when absent. */
  program?: string | readonly string[];
  /** Logger names for log4j/python headers (`org.apache.hadoop.hdfs.server.datanode.DataNode`). */
  loggers?: readonly string[];
  /** Thread names for log4j headers. */
  threads?: readonly string[];
  /** Header styles this family's raw lines are written with; none: the message stands alone. */
  headers?: readonly HeaderStyle[];
  /** This family's own slots; they take precedence over the shared ones. */
  slots?: Record<string, SlotSpec>;
  /** Label mix of this family (relative weights); the corpus default when absent. Labels without templates are dropped. */
  labelMix?: Partial<Record<Label, number>>;
  templates: readonly FamilyTemplate[];
}
