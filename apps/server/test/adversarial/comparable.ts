/** A response body with request ids blanked, for comparing two answers. */
export async function comparable(res: Response): Promise<{ status: number; body: string }> {
  const text = await res.text();
  return { status: res.status, body: text.replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi, "<id>") };
}
