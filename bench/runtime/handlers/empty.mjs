// The floor: Node starting and running a handler that fetches nothing.
export const handler = async () => 'value-00';
