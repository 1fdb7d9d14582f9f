/**
 * One message of a user's in-app inbox (站内信). Types only, no imports: the web console imports it
 * too. `T` is how times arrive: `Date` as the database returns them, ISO strings as GET /inbox answers.
 */
export interface InboxMessage<T extends Date | string = string> {
  id: string;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  hazardId: string | null;
  createdAt: T;
  readAt: T | null;
}
