FROM node:26-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:26-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
# The operator commands (npm run -s backup, audit:verify, ...) run dist/scripts/ through this launcher,
# which builds nothing where there are no sources; `node dist/scripts/<tool>.js` runs them directly.
COPY --from=build /app/scripts/tool.mjs ./scripts/tool.mjs
COPY package.json ./
EXPOSE 3000
CMD ["node", "dist/src/main.js"]
