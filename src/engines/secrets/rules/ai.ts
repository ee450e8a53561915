/** @module AI and machine-learning platforms. */
import type { RuleSpec } from '../types.ts';
import { keyedRule, prefixRule, uuid, uuidSample } from './helpers.ts';

export const aiRules: RuleSpec[] = [
  prefixRule(
    'openai-api-key',
    'OpenAI API key (legacy)',
    ['t3blbkfj'],
    'sk-[A-Za-z0-9]{20}T3BlbkFJ[A-Za-z0-9]{20}',
    { name: 'OPENAI_API_KEY', value: 'sk-{A:20}T3BlbkFJ{A:20}' },
  ),
  prefixRule(
    'openai-project-key',
    'OpenAI project, service-account or admin key',
    ['t3blbkfj'],
    'sk-(?:proj|svcacct|admin)-[A-Za-z0-9_-]{58,74}T3BlbkFJ[A-Za-z0-9_-]{58,74}',
    { name: 'OPENAI_API_KEY', value: 'sk-proj-{u:64}T3BlbkFJ{u:64}' },
  ),
  prefixRule(
    'anthropic-api-key',
    'Anthropic API key',
    ['sk-ant-api03'],
    'sk-ant-api03-[\\w-]{93}AA',
    { name: 'ANTHROPIC_API_KEY', value: 'sk-ant-api03-{u:93}AA' },
  ),
  prefixRule(
    'anthropic-admin-key',
    'Anthropic admin key',
    ['sk-ant-admin01'],
    'sk-ant-admin01-[\\w-]{93}AA',
    { name: 'ANTHROPIC_ADMIN_KEY', value: 'sk-ant-admin01-{u:93}AA' },
  ),
  prefixRule('huggingface-token', 'Hugging Face access token', ['hf_'], 'hf_[a-zA-Z]{34}', {
    name: 'HF_TOKEN',
    value: 'hf_{L:34}',
  }),
  prefixRule(
    'huggingface-org-token',
    'Hugging Face organization token',
    ['api_org_'],
    'api_org_[a-zA-Z]{34}',
    { name: 'HF_ORG_TOKEN', value: 'api_org_{L:34}' },
  ),
  keyedRule('cohere-api-key', 'Cohere API key', ['cohere', 'co_api_key'], '[a-zA-Z0-9]{40}', {
    name: 'COHERE_API_KEY',
    value: '{A:40}',
  }),
  prefixRule('replicate-token', 'Replicate API token', ['r8_'], 'r8_[A-Za-z0-9]{37}', {
    name: 'REPLICATE_API_TOKEN',
    value: 'r8_{A:37}',
  }),
  prefixRule('groq-api-key', 'Groq API key', ['gsk_'], 'gsk_[A-Za-z0-9]{52}', {
    name: 'GROQ_API_KEY',
    value: 'gsk_{A:52}',
  }),
  prefixRule('perplexity-api-key', 'Perplexity API key', ['pplx-'], 'pplx-[a-zA-Z0-9]{48}', {
    name: 'PERPLEXITY_API_KEY',
    value: 'pplx-{A:48}',
  }),
  prefixRule('xai-api-key', 'xAI API key', ['xai-'], 'xai-[a-zA-Z0-9]{80}', {
    name: 'XAI_API_KEY',
    value: 'xai-{A:80}',
  }),
  keyedRule('mistral-api-key', 'Mistral API key', ['mistral'], '[a-zA-Z0-9]{32}', {
    name: 'MISTRAL_API_KEY',
    value: '{A:32}',
  }),
  keyedRule('deepseek-api-key', 'DeepSeek API key', ['deepseek'], 'sk-[a-f0-9]{32}', {
    name: 'DEEPSEEK_API_KEY',
    value: 'sk-{h:32}',
  }),
  prefixRule(
    'langsmith-api-key',
    'LangSmith API key',
    ['lsv2_'],
    'lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}',
    { name: 'LANGSMITH_API_KEY', value: 'lsv2_pt_{h:32}_{h:10}' },
  ),
  prefixRule(
    'pinecone-api-key',
    'Pinecone API key',
    ['pcsk_'],
    'pcsk_[A-Za-z0-9]{5,6}_[A-Za-z0-9]{60,70}',
    { name: 'PINECONE_API_KEY', value: 'pcsk_{A:6}_{A:63}' },
  ),
  keyedRule('pinecone-legacy-key', 'Pinecone legacy API key', ['pinecone'], uuid, {
    name: 'PINECONE_API_KEY',
    value: uuidSample,
  }),
  prefixRule(
    'langfuse-secret-key',
    'Langfuse secret key',
    ['sk-lf-'],
    'sk-lf-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}',
    { name: 'LANGFUSE_SECRET_KEY', value: 'sk-lf-{uuid}' },
  ),
  keyedRule(
    'elevenlabs-api-key',
    'ElevenLabs API key',
    ['elevenlabs', 'xi-api-key', 'xi_api_key'],
    '(?:sk_)?[a-f0-9]{32,48}',
    { name: 'ELEVENLABS_API_KEY', value: 'sk_{h:48}' },
  ),
  keyedRule('together-api-key', 'Together AI API key', ['together'], '[a-f0-9]{64}', {
    name: 'TOGETHER_API_KEY',
    value: '{h:64}',
  }),
  prefixRule(
    'fireworks-api-key',
    'Fireworks AI API key',
    ['fw_'],
    'fw_[A-Za-z0-9]{24}',
    { name: 'FIREWORKS_API_KEY', value: 'fw_{A:24}' },
    { entropy: 3.5 },
  ),
  keyedRule('assemblyai-api-key', 'AssemblyAI API key', ['assemblyai'], '[a-f0-9]{32}', {
    name: 'ASSEMBLYAI_API_KEY',
    value: '{h:32}',
  }),
  keyedRule('deepgram-api-key', 'Deepgram API key', ['deepgram'], '[a-f0-9]{40}', {
    name: 'DEEPGRAM_API_KEY',
    value: '{h:40}',
  }),
  keyedRule('wandb-api-key', 'Weights & Biases API key', ['wandb'], '[a-f0-9]{40}', {
    name: 'WANDB_API_KEY',
    value: '{h:40}',
  }),
  prefixRule('openrouter-api-key', 'OpenRouter API key', ['sk-or-v1-'], 'sk-or-v1-[a-f0-9]{64}', {
    name: 'OPENROUTER_API_KEY',
    value: 'sk-or-v1-{h:64}',
  }),
  keyedRule('stability-api-key', 'Stability AI API key', ['stability'], 'sk-[A-Za-z0-9]{48}', {
    name: 'STABILITY_API_KEY',
    value: 'sk-{A:48}',
  }),
  keyedRule('voyage-api-key', 'Voyage AI API key', ['voyage'], 'pa-[A-Za-z0-9_-]{43}', {
    name: 'VOYAGE_API_KEY',
    value: 'pa-{u:43}',
  }),
];
