type Translate = (key: string) => string

interface NamedLesson {
  kind: string
  group_name?: string | null
  students?: { first_name?: string | null; last_name?: string | null }[]
}

/** Who a lesson is with: the group's name, else the students' names ('' when unknown). */
export function lessonWith(lesson: NamedLesson): string {
  if (lesson.group_name) return lesson.group_name
  return (lesson.students ?? [])
    .map((student) => [student.first_name, student.last_name].filter(Boolean).join(' '))
    .filter(Boolean)
    .join(', ')
}

/** "Individual · Masha Ivanova": the kind and who it is with, as calendars and lists show a lesson. */
export function lessonTitle(lesson: NamedLesson, t: Translate): string {
  const kind = t(`kinds.${lesson.kind}`)
  const with_ = lessonWith(lesson)
  return with_ ? `${kind} · ${with_}` : kind
}
