import type { Field } from "payload";
import { staffOnly } from "../../access/isStaff";
import { STATE_LABELS, WORKFLOW_STATES } from "../../workflow";

/**
 * Editorial state, approval and review marks of an item's working copy, shown read-only in the sidebar.
 * Only the workflow service sets them: the guardWorkflow hook puts back whatever else a save sends.
 */
export const workflowFields: Field[] = [
  {
    name: "workflowState",
    access: staffOnly,
    type: "select",
    // Not `required`: API clients (GraphQL's input types) must not have to send a field only the system sets.
    defaultValue: "draft",
    index: true,
    label: { es: "Estado editorial", en: "Workflow state" },
    options: WORKFLOW_STATES.map((value) => ({
      value,
      label: { es: STATE_LABELS[value], en: value },
    })),
    // The list shows it as the admin's header does (a correction in progress included): components/WorkflowStateCell.
    admin: {
      position: "sidebar",
      readOnly: true,
      components: { Cell: "/components/WorkflowStateCell#WorkflowStateCell" },
    },
  },
  {
    name: "publishAt",
    access: staffOnly,
    type: "date",
    label: { es: "Programado para", en: "Scheduled for" },
    // Part of the approver's decision: set by «Programar» (or an embargo), never by a save.
    admin: {
      position: "sidebar",
      readOnly: true,
      date: { pickerAppearance: "dayAndTime" },
      condition: (data) => Boolean(data?.publishAt),
      description: {
        es: "Lo fija quien aprueba con «Programar».",
        en: "Set by the approver with «Schedule».",
      },
    },
  },
  {
    name: "approval",
    access: staffOnly,
    type: "group",
    label: { es: "Aprobación", en: "Approval" },
    admin: { position: "sidebar", readOnly: true },
    fields: [
      {
        name: "hash",
        type: "text",
        label: { es: "Huella aprobada", en: "Approved hash" },
      },
      {
        name: "byName",
        type: "text",
        label: { es: "Aprobó", en: "Approved by" },
      },
      { name: "byId", type: "text", admin: { hidden: true } },
      {
        name: "at",
        type: "date",
        label: { es: "Fecha", en: "At" },
        admin: { date: { pickerAppearance: "dayAndTime" } },
      },
    ],
  },
  {
    name: "editedBy",
    access: staffOnly,
    type: "json",
    admin: { hidden: true },
  },
  {
    name: "needsReview",
    access: staffOnly,
    type: "checkbox",
    defaultValue: false,
    label: {
      es: "No revisado (publicación de emergencia)",
      en: "Not reviewed (emergency)",
    },
    admin: {
      position: "sidebar",
      readOnly: true,
      condition: (data) => Boolean(data?.needsReview),
    },
  },
  {
    name: "withdrawal",
    access: staffOnly,
    type: "group",
    label: { es: "Retiro", en: "Withdrawal" },
    admin: {
      position: "sidebar",
      readOnly: true,
      condition: (data) => Boolean(data?.withdrawal?.at),
    },
    fields: [
      {
        name: "at",
        type: "date",
        label: { es: "Retirado el", en: "Withdrawn at" },
        admin: { date: { pickerAppearance: "dayAndTime" } },
      },
      {
        name: "reason",
        type: "textarea",
        label: {
          es: "Motivo (interno, solo en el registro)",
          en: "Reason (internal)",
        },
      },
      {
        name: "notice",
        type: "textarea",
        label: { es: "Aviso público", en: "Public notice" },
      },
    ],
  },
  {
    name: "corrections",
    type: "array",
    label: { es: "Correcciones publicadas", en: "Published corrections" },
    labels: {
      singular: { es: "Corrección", en: "Correction" },
      plural: { es: "Correcciones", en: "Corrections" },
    },
    admin: {
      readOnly: true,
      condition: (data) =>
        Array.isArray(data?.corrections) && data.corrections.length > 0,
    },
    fields: [
      {
        name: "at",
        type: "date",
        required: true,
        label: { es: "Fecha", en: "At" },
        admin: { date: { pickerAppearance: "dayAndTime" } },
      },
      {
        name: "note",
        type: "textarea",
        required: true,
        label: { es: "Nota pública", en: "Public note" },
      },
    ],
  },
];

/**
 * An open correction of a published item: the working copy carries the changed text and the public note until a
 * second person approves it and it is published (README, «Corrections are a task»). First in the form: it is
 * the task at hand while it is open.
 */
export const correctionField: Field = {
  name: "correction",
  access: staffOnly,
  type: "group",
  label: { es: "Corrección en curso", en: "Correction in progress" },
  admin: { condition: (data) => Boolean(data?.correction?.openedAt) },
  fields: [
    {
      name: "note",
      type: "textarea",
      maxLength: 600,
      label: {
        es: "Nota de corrección (PÚBLICA: se muestra en el portal bajo el boletín)",
        en: "Correction note (public)",
      },
      admin: {
        description: {
          es: "Di qué cambió y por qué, para la ciudadanía y la prensa. Ejemplo: «Se corrigió el rango de edad: es de 1 a 10 años, no de 1 a 9».",
          en: "What changed and why, for the public.",
        },
      },
    },
    {
      name: "isMinor",
      type: "checkbox",
      defaultValue: false,
      label: {
        es: "Solo ortografía o estilo (sin nota pública)",
        en: "Spelling or style only (no public note)",
      },
    },
    { name: "openedAt", type: "date", admin: { readOnly: true, hidden: true } },
    { name: "openedById", type: "text", admin: { hidden: true } },
    {
      name: "openedByName",
      type: "text",
      admin: { readOnly: true, hidden: true },
    },
  ],
};

/** The item's record: every workflow step taken on it, with who and when. */
export const recordField: Field = {
  name: "record",
  type: "ui",
  label: { es: "Registro", en: "Record" },
  admin: { components: { Field: "/components/ItemRecord#ItemRecord" } },
};

export const publishedAtField: Field = {
  name: "publishedAt",
  type: "date",
  // Every list sorts by it (portal, API, the admin's default sort on the working copies).
  index: true,
  label: { es: "Fecha de publicación", en: "Published at" },
  admin: {
    position: "sidebar",
    readOnly: true,
    date: { pickerAppearance: "dayAndTime" },
    description: {
      es: "La fija el sistema al publicar por primera vez.",
      en: "Set by the workflow on first publication.",
    },
  },
};
