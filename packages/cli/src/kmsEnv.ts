/**
 * The encryption context the Lambda console's encryption helpers use for environment variables, so
 * a ciphertext made here decrypts in the function (and nowhere else).
 */
export const lambdaContext = (functionName: string): Record<string, string> => ({
  LambdaFunctionName: functionName,
});
