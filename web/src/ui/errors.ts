import { ApiError } from "../api/http";

/** A sentence for the person: the problem's detail, or what its field errors say. */
export function describe(error: unknown): string {
  if (error instanceof ApiError) {
    const fields = error.problem.errors?.map((field) => field.detail).join("; ");
    return fields ? `${error.problem.title}: ${fields}` : (error.problem.detail ?? error.problem.title);
  }
  return error instanceof Error ? error.message : String(error);
}
